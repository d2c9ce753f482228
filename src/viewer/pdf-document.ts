// pdf.js set-up for the viewer. Range requests only (disableStream): pdf.js reads the file's
// end (cross-reference table) and the objects page 1 needs, so the first page shows after a few
// hundred kB even for a 20 MB file. Auto-fetch stays on so the rest arrives in 256 kB chunks in
// the background and scrolling does not wait on the network page by page.
import { getDocument, GlobalWorkerOptions, type PDFDocumentLoadingTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export const RANGE_CHUNK_BYTES = 256 * 1024;
const PDFJS_DATA = `${import.meta.env.BASE_URL}pdfjs/`;

export function openPdf(url: string): PDFDocumentLoadingTask {
  return getDocument({
    url,
    disableStream: true,
    disableAutoFetch: false,
    rangeChunkSize: RANGE_CHUNK_BYTES,
    // The page's CSP forbids eval; pdf.js then interprets PDF functions instead of compiling them.
    isEvalSupported: false,
    cMapUrl: `${PDFJS_DATA}cmaps/`,
    standardFontDataUrl: `${PDFJS_DATA}standard_fonts/`,
    wasmUrl: `${PDFJS_DATA}wasm/`,
    iccUrl: `${PDFJS_DATA}iccs/`,
  });
}
