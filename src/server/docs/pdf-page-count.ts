// Counts a PDF's pages with pdf.js, the same parser the recipient's viewer uses, so the stored
// count is the count the recipient will see. pdf.js reads only the trailer, the cross-reference
// table and the page tree (pdf-lib would parse every object), repairs broken cross-reference
// tables like the viewer does, and takes ownership of the buffer instead of copying it: the file
// is read from disk once and never held twice. pdf.js says "1 page" for a PDF whose page tree it
// cannot read at all; only then is the page tree checked (page-tree-check.ts). The server counts
// in worker threads (page-count-workers.ts): a damaged 40 MB file takes pdf.js most of a second.
import { readFile } from 'node:fs/promises';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { checkPageTree, looksCutOff } from './page-tree-check.ts';
import { passwordProtected, pdfTruncated, pdfUnreadable } from './refused-document.ts';

async function countWithPdfjs(data: Uint8Array): Promise<number> {
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    return pdf.numPages;
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') throw passwordProtected('pdf');
    return -1;
  } finally {
    await task.destroy();
  }
}

/** `load` is called again (a fresh copy) only for the rare PDFs that need a second look. */
async function countPdfPagesOf(load: () => Promise<Uint8Array>): Promise<number> {
  const pages = await countWithPdfjs(await load());
  if (pages === -1) throw looksCutOff(await load()) ? pdfTruncated() : pdfUnreadable();
  if (pages === 1) await checkPageTree(await load());
  return pages;
}

export async function countPdfPagesInBytes(data: Uint8Array): Promise<number> {
  return countPdfPagesOf(() => Promise.resolve(data.slice()));
}

/** Counts on the calling thread; the server goes through page-count-workers.ts instead. */
export async function countPdfPagesOfFile(path: string): Promise<number> {
  return countPdfPagesOf(async () => new Uint8Array(await readFile(path)));
}
