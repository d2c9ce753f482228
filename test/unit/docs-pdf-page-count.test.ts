import { describe, expect, it } from 'vitest';
import { countPdfPagesInBytes, UnreadablePdfError } from '../../src/server/docs/pdf-page-count.ts';
import { makePdf } from '../support/make-documents.ts';

describe('countPdfPagesInBytes', () => {
  it('counts the pages of a generated PDF', async () => {
    expect(await countPdfPagesInBytes(await makePdf({ pages: 7 }))).toBe(7);
  });

  it('refuses a file that only starts like a PDF, with a message for the uploader', async () => {
    const fake = new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n');
    await expect(countPdfPagesInBytes(fake)).rejects.toThrow(UnreadablePdfError);
    await expect(countPdfPagesInBytes(new TextEncoder().encode('%PDF-1.7\n'))).rejects.toThrow(/damaged/);
  });
});
