import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/server/docs/byte-source.ts';
import { detectDocumentType } from '../../src/server/docs/detect-type.ts';
import { UnsupportedFileTypeError } from '../../src/server/docs/document-types.ts';
import { RefusedDocumentError } from '../../src/server/docs/refused-document.ts';
import {
  makeDocx,
  makeHeaderlessPdf,
  makeOle2,
  makePdf,
  makePptx,
  makeWindowsExe,
  makeWord2,
  makeWordOle2,
  makeZip,
} from '../support/make-documents.ts';

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

async function refused(bytes: Uint8Array, name?: string): Promise<{ code: string; message: string }> {
  const error = await detectDocumentType(bufferSource(bytes), name).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RefusedDocumentError);
  const { code, message } = error as RefusedDocumentError;
  return { code, message };
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
  });

  it('refuses password-protected Word and PowerPoint files of every age with one sentence each', async () => {
    const encrypted = makeOle2(['EncryptionInfo', 'EncryptedPackage']);
    expect(await refused(encrypted, 'offer.docx')).toEqual({
      code: 'password_protected_word',
      message: 'This Word file is password-protected: remove the password and upload it again',
    });
    expect(await refused(encrypted, 'deck.pptx')).toMatchObject({ code: 'password_protected_powerpoint' });
    expect(await refused(encrypted, 'download')).toMatchObject({ code: 'password_protected_office' });
    expect(await refused(makeWordOle2(0x0100), 'memo.doc')).toMatchObject({ code: 'password_protected_word' });
    expect(await detect(makeWordOle2(0), 'memo.doc')).toBe('doc');
    expect(await refused(makeOle2(['PowerPoint Document', 'EncryptedSummary', 'Current User']), 'deck.ppt')).toEqual({
      code: 'password_protected_powerpoint',
      message: 'This PowerPoint file is password-protected: remove the password and upload it again',
    });
  });

  it('asks for Word 2.0 and PowerPoint 95 files to be saved again in a current version', async () => {
    expect(await refused(makeWord2(), 'old.doc')).toEqual({
      code: 'old_word_format',
      message: 'This file is in an old Word format: save it again in a current Word and upload the new file',
    });
    expect(await refused(makeOle2(['PowerPoint Document', 'Header', 'Current User']), 'old.ppt')).toMatchObject({
      code: 'old_powerpoint_format',
    });
  });

  it('takes a PDF whose header line is missing for a PDF, as readers do', async () => {
    expect(await detect(await makeHeaderlessPdf(), 'scan.pdf')).toBe('pdf');
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
