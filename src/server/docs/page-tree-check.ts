// A second look at a PDF that pdf.js opened as "1 page" or could not open. pdf.js falls back to
// one blank page when the catalog's page tree is missing or absurd, and the recipient would see
// only that blank page; pdf-lib reads the page tree as written, so Glint can refuse such a file
// with a reason. A file pdf-lib cannot parse keeps pdf.js's verdict.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { pdfHasNoPages, pdfPageCountAbsurd } from './refused-document.ts';

/** More pages than any real document a rep sends; a larger /Count is a damaged or forged tree. */
export const MAX_PLAUSIBLE_PAGES = 100_000;
const EOF_MARKER = new TextEncoder().encode('%%EOF');
const EOF_WINDOW = 1024;

/** The catalog's /Pages dictionary; undefined when pdf-lib cannot tell (unparsable, encrypted). */
async function pageTreeOf(data: Uint8Array): Promise<PDFDict | undefined> {
  try {
    const document = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    // pdf-lib cannot decrypt: an encrypted file's object streams are out of its reach.
    if (document.isEncrypted) return undefined;
    const pages = document.catalog.lookup(PDFName.of('Pages'));
    return pages instanceof PDFDict ? pages : undefined;
  } catch {
    return undefined;
  }
}

/** Throws when the page tree has no pages or claims an impossible number of them. */
export async function checkPageTree(data: Uint8Array): Promise<void> {
  const tree = await pageTreeOf(data);
  if (tree === undefined) return;
  const count = tree.lookup(PDFName.of('Count'));
  if (count instanceof PDFNumber && count.asNumber() > MAX_PLAUSIBLE_PAGES) throw pdfPageCountAbsurd(count.asNumber());
  const kids = tree.lookup(PDFName.of('Kids'));
  if (!(kids instanceof PDFArray) || kids.size() === 0) throw pdfHasNoPages();
}

/** A PDF ends with %%EOF; one whose last bytes lack it was cut off (a partial download). */
export function looksCutOff(data: Uint8Array): boolean {
  const tail = data.subarray(Math.max(0, data.length - EOF_WINDOW));
  const limit = tail.length - EOF_MARKER.length;
  for (let at = 0; at <= limit; at++) {
    if (EOF_MARKER.every((byte, index) => tail[at + index] === byte)) return false;
  }
  return true;
}
