-- Word and PowerPoint uploads convert after the upload is answered: a document is `converting`
-- until LibreOffice's PDF is in place (`ready`) or the conversion failed (`failed`, with the
-- sentence that says why). Documents stored before this were all ready.
ALTER TABLE documents ADD COLUMN failure TEXT;
CREATE INDEX documents_converting ON documents(created_at) WHERE status = 'converting';
