// A PDF whose page tree is lost but whose pages remain is shown with a rebuilt page tree (as
// poppler and pypdf show it) rather than refused as damaged; a file with no page object left, or
// cut off, is still refused with its own sentence.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { countPdfPagesInBytes } from '../../src/server/docs/pdf-page-count.ts';
import { rebuildPageTree } from '../../src/server/docs/page-tree-rebuild.ts';
import { makeLostPageTreePdf } from '../support/damaged-pdfs.ts';
import { pdfFromObjects } from '../support/make-documents.ts';

async function pdfjsPages(data: Uint8Array): Promise<number> {
  const task = getDocument({ data: data.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  try {
    return (await task.promise).numPages;
  } finally {
    await task.destroy();
  }
}

describe('rebuilding a lost page tree', () => {
  it('counts the pages pdf.js alone refuses, from a repaired copy it opens', async () => {
    const damaged = makeLostPageTreePdf();
    await expect(pdfjsPages(damaged)).rejects.toThrow();
    expect(await countPdfPagesInBytes(damaged)).toBe(3);
    const repaired = rebuildPageTree(damaged);
    expect(repaired).not.toBeNull();
    expect(await pdfjsPages(repaired ?? new Uint8Array())).toBe(3);
    // The repair only appends: every byte of the original is still there, in place.
    expect(
      Buffer.from(repaired ?? [])
        .subarray(0, damaged.length)
        .equals(Buffer.from(damaged)),
    ).toBe(true);
  });

  it('still refuses a file with no page object left', async () => {
    const noPages = Buffer.from(pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Producer (nothing) >>']));
    const start = noPages.indexOf('1 0 obj');
    noPages.fill(0, start, noPages.indexOf('endobj', start) + 'endobj'.length);
    expect(rebuildPageTree(new Uint8Array(noPages))).toBeNull();
    await expect(countPdfPagesInBytes(new Uint8Array(noPages))).rejects.toMatchObject({ code: 'unreadable_pdf' });
  });
});
