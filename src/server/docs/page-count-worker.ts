// Worker thread that counts a PDF's pages (pdf-page-count.ts) off the server's event loop. One
// file at a time; the answer is the count, a refusal (code and sentence) or an error message.
// pdf-lib prints its repairs ("Trying to parse invalid object") with console.warn: this thread's
// console is its own, so it is silenced here without hiding anything else the server prints.
import { parentPort } from 'node:worker_threads';
import { countPdfPagesOfFile } from './pdf-page-count.ts';
import { RefusedDocumentError } from './refused-document.ts';

export interface PageCountRequest {
  path: string;
}

export type PageCountAnswer = { pages: number } | { refusal: { code: string; message: string } } | { error: string };

const quiet = (): void => undefined;
console.warn = quiet;
console.log = quiet;
console.info = quiet;

async function answer(request: PageCountRequest): Promise<PageCountAnswer> {
  try {
    return { pages: await countPdfPagesOfFile(request.path) };
  } catch (error) {
    if (error instanceof RefusedDocumentError) return { refusal: { code: error.code, message: error.message } };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (request: PageCountRequest) => {
  void answer(request).then((result) => parentPort?.postMessage(result));
});
