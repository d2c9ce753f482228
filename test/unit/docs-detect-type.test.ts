import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/server/docs/byte-source.ts';
import { detectDocumentType } from '../../src/server/docs/detect-type.ts';
import { UnsupportedFileTypeError } from '../../src/server/docs/document-types.ts';
import { makeDocx, makeOle2, makePdf, makePptx, makeWindowsExe, makeZip } from '../support/make-documents.ts';

async function detect(bytes: Uint8Array, name?: string): Promise<string> {
  return (await detectDocumentType(bufferSource(bytes), name)).type;
}

async function refusal(bytes: Uint8Array, name?: string): Promise<string> {
  const error = await detectDocumentType(bufferSource(bytes), name).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UnsupportedFileTypeError);
  return (error as Error).message;
}

describe('detectDocumentType', () => {
  it('recognises generated PDF, DOCX and PPTX files by their bytes, whatever their names', async () => {
    expect(await detect(await makePdf({ pages: 2 }), 'slides.pptx')).toBe('pdf');
    expect(await detect(await makeDocx(2), 'report.pdf')).toBe('docx');
    expect(await detect(await makePptx(3), 'notes.docx')).toBe('pptx');
  });

  it('accepts a PDF whose header follows a few bytes of junk, as Acrobat does', async () => {
    const pdf = await makePdf({ pages: 1 });
    const prefixed = new Uint8Array([...new TextEncoder().encode('\r\n\r\n'), ...pdf]);
    expect(await detect(prefixed)).toBe('pdf');
  });

  it('refuses a Windows program renamed .pdf with a message a person understands', async () => {
    expect(await refusal(makeWindowsExe(), 'invoice.pdf')).toBe(
      'This file is not a PDF, Word or PowerPoint document (it looks like a Windows program). ' +
        'Upload a .pdf, .doc, .docx, .ppt or .pptx file.',
    );
  });

  it('names what other refused files look like', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await refusal(png, 'a.pdf')).toContain('a PNG image');
    expect(await refusal(new TextEncoder().encode('hello, world\n'), 'a.docx')).toContain('a text file');
    expect(await refusal(new Uint8Array(), 'a.pdf')).toContain('an empty file');
    expect(await refusal(new TextEncoder().encode('<!DOCTYPE html><html>'), 'x.ppt')).toContain('a web page');
  });

  it('refuses a zip that is not an Office document, and a zip with a broken directory', async () => {
    const docx = new Uint8Array(await makeDocx(1));
    // Same local headers, central directory cut off: nothing trustworthy to read.
    expect(await refusal(docx.subarray(0, docx.length - 200))).toContain('a damaged ZIP archive');
  });

  it('refuses an OLE2 header with no readable directory unless the name says .doc or .ppt', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await detect(ole, 'old.PPT')).toBe('ppt');
    expect(await detect(ole, 'old.doc')).toBe('doc');
    expect(await refusal(ole, 'old.exe')).toContain('a damaged Office file');
  });

  it('reads an OLE2 directory to tell Word from PowerPoint from Excel', async () => {
    expect(await detect(makeOle2(['WordDocument', '1Table']), 'deck.ppt')).toBe('doc');
    expect(await detect(makeOle2(['PowerPoint Document', 'Current User']), 'memo.doc')).toBe('ppt');
    expect(await refusal(makeOle2(['Workbook']), 'book.doc')).toContain('(it looks like an Excel spreadsheet)');
    expect(await refusal(makeOle2(['EncryptionInfo', 'EncryptedPackage']), 'x.docx')).toContain('a password-protected Office document');
  });

  it('reads a zip central directory to tell OOXML kinds and other archives apart', async () => {
    const types = '<?xml version="1.0"?><Types/>';
    expect(await detect(makeZip({ '[Content_Types].xml': types, 'word/document.xml': '<w/>' }))).toBe('docx');
    expect(await detect(makeZip({ '[Content_Types].xml': types, 'ppt/presentation.xml': '<p/>' }))).toBe('pptx');
    expect(await refusal(makeZip({ '[Content_Types].xml': types, 'xl/workbook.xml': '<x/>' }))).toContain('an Excel spreadsheet');
    expect(await refusal(makeZip({ mimetype: 'application/vnd.oasis.opendocument.text' }))).toContain('an OpenDocument file');
    expect(await refusal(makeZip({ 'photo.jpg': 'x' }), 'photos.pdf')).toContain('(it looks like a ZIP archive)');
  });
});
