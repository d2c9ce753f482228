import { describe, expect, it } from 'vitest';
import { countPdfPagesInBytes } from '../../src/server/docs/pdf-page-count.ts';
import { RefusedDocumentError } from '../../src/server/docs/refused-document.ts';
import {
  makeAbsurdCountPdf,
  makeHeaderlessPdf,
  makePasswordPdf,
  makePdf,
  makeScriptOnlyPdf,
  pdfFromObjects,
} from '../support/make-documents.ts';

async function refusalOf(bytes: Uint8Array): Promise<{ code: string; message: string }> {
  const error = await countPdfPagesInBytes(bytes).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RefusedDocumentError);
  const { code, message } = error as RefusedDocumentError;
  return { code, message };
}

describe('countPdfPagesInBytes', () => {
  it('counts the pages of a generated PDF', async () => {
    expect(await countPdfPagesInBytes(await makePdf({ pages: 7 }))).toBe(7);
  });

  it('refuses a file that only starts like a PDF, with a message for the uploader', async () => {
    const fake = new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n%%EOF\n');
    expect(await refusalOf(fake)).toMatchObject({ code: 'unreadable_pdf', message: expect.stringMatching(/damaged/) });
  });

  it('says a PDF cut off before its end was cut off', async () => {
    const whole = await makePdf({ pages: 3, imageBytesPerPage: 20_000 });
    expect(await refusalOf(whole.slice(0, Math.floor(whole.length / 2)))).toEqual({
      code: 'pdf_truncated',
      message: 'This PDF is incomplete: it was cut off, probably while downloading; download it again and upload the whole file',
    });
  });

  it('refuses a PDF with no page tree, which pdf.js would show as one blank page', async () => {
    expect(await refusalOf(makeScriptOnlyPdf())).toEqual({
      code: 'pdf_no_pages',
      message: 'This PDF has no pages: export it again and upload the new copy',
    });
  });

  it('refuses a page tree claiming an absurd number of pages, and keeps a small one-page PDF', async () => {
    expect(await refusalOf(makeAbsurdCountPdf(213_804_087))).toEqual({
      code: 'pdf_page_count_absurd',
      message:
        'This PDF has no pages that can be shown: it claims 213,804,087 pages, which cannot be right; export it again and upload the new copy',
    });
    expect(await countPdfPagesInBytes(makeAbsurdCountPdf(1))).toBe(1);
  });

  it('refuses a PDF that needs a password to open', async () => {
    expect(await refusalOf(makePasswordPdf())).toEqual({
      code: 'password_protected_pdf',
      message: 'This PDF is password-protected: remove the password and upload it again',
    });
  });

  it('counts a PDF whose header line is missing, and a one-page PDF with a plain page tree', async () => {
    expect(await countPdfPagesInBytes(await makeHeaderlessPdf())).toBe(2);
    const plain = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    ]);
    expect(await countPdfPagesInBytes(plain)).toBe(1);
  });
});
