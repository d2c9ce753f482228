-- The conversion queue lives in the documents table: a `converting` document is a job, claimed by
-- one server (claimed_by, a random id per process) until claim_until (ms), renewed while
-- LibreOffice runs. conversion_attempts counts claims, so a document that keeps killing its
-- server (claims that expire) is failed instead of taken over forever.
ALTER TABLE documents ADD COLUMN claimed_by TEXT;
ALTER TABLE documents ADD COLUMN claim_until BIGINT;
ALTER TABLE documents ADD COLUMN conversion_attempts INTEGER NOT NULL DEFAULT 0;
