// Worker thread that counts a PDF's pages (pdf-page-count.ts) off the server's event loop. One
// file at a time; the answer is the count (and whether a repaired copy was written), a refusal (code and sentence) or an error message.
// pdf-lib prints its repairs ("Trying to parse invalid object") with console.warn: this thread's
// console is its own, so it is silenced here without hiding anything else the server prints.
import { writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { readPdfPagesOfFile } from './pdf-page-count.ts';
import { RefusedDocumentError } from './refused-document.ts';

export interface PageCountRequest {
  path: string;
  /** Where a repaired copy is written, if the file needs one; without it, a repair is not kept. */
  repairedPath?: string | undefined;
}

export type PageCountAnswer = { pages: number; repaired: boolean } | { refusal: { code: string; message: string } } | { error: string };

const quiet = (): void => undefined;
console.warn = quiet;
console.log = quiet;
console.info = quiet;

async function answer(request: PageCountRequest): Promise<PageCountAnswer> {
  try {
    const { pages, repaired } = await readPdfPagesOfFile(request.path);
    if (repaired && request.repairedPath) await writeFile(request.repairedPath, repaired, { flag: 'wx', mode: 0o600 });
    return { pages, repaired: repaired !== null && request.repairedPath !== undefined };
  } catch (error) {
    if (error instanceof RefusedDocumentError) return { refusal: { code: error.code, message: error.message } };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (request: PageCountRequest) => {
  void answer(request).then((result) => parentPort?.postMessage(result));
});
