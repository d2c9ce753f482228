// Counts a PDF's pages with pdf.js, the same parser the recipient's viewer uses, so the stored
// count is the count the recipient will see. pdf.js reads only the trailer, the cross-reference
// table and the page tree (pdf-lib would parse every object), repairs broken cross-reference
// tables like the viewer does, and takes ownership of the buffer instead of copying it: the file
// is read from disk once and never held twice. pdf.js says "1 page" for a PDF whose page tree it
// cannot read at all; only then is the page tree checked (page-tree-check.ts). A file pdf.js
// cannot open at all gets its page tree rebuilt (page-tree-rebuild.ts) before it is refused. The server counts
// in worker threads (page-count-workers.ts): a damaged 40 MB file takes pdf.js most of a second.
import { readFile } from 'node:fs/promises';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { checkPageTree, looksCutOff } from './page-tree-check.ts';
import { rebuildPageTree } from './page-tree-rebuild.ts';
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

export interface PdfPages {
  pages: number;
  /** A repaired copy to show instead of the file (its page tree rebuilt); null when the file opens as it is. */
  repaired: Uint8Array | null;
}

/** A file pdf.js cannot open: cut off, or repairable, or unreadable. */
async function secondChance(data: Uint8Array): Promise<PdfPages> {
  if (looksCutOff(data)) throw pdfTruncated();
  const repaired = rebuildPageTree(data);
  // pdf.js takes ownership of what it reads: it gets a copy, the repaired bytes are kept.
  const pages = repaired ? await countWithPdfjs(repaired.slice()) : -1;
  if (pages < 1 || repaired === null) throw pdfUnreadable();
  return { pages, repaired };
}

/** `load` is called again (a fresh copy) only for the rare PDFs that need a second look. */
async function readPdfPagesOf(load: () => Promise<Uint8Array>): Promise<PdfPages> {
  const pages = await countWithPdfjs(await load());
  if (pages === -1) return secondChance(await load());
  if (pages === 1) await checkPageTree(await load());
  return { pages, repaired: null };
}

export async function countPdfPagesInBytes(data: Uint8Array): Promise<number> {
  return (await readPdfPagesOf(() => Promise.resolve(data.slice()))).pages;
}

/** Reads on the calling thread; the server goes through page-count-workers.ts instead. */
export async function readPdfPagesOfFile(path: string): Promise<PdfPages> {
  return readPdfPagesOf(async () => new Uint8Array(await readFile(path)));
}
