// PDFs damaged the way real files are, made for the tests (no sample is copied into the project).
import { makePdf, pdfFromObjects } from './make-documents.ts';

/**
 * Three pages whose page tree object was overwritten with zero bytes (a file damaged on disk):
 * the catalog points at nothing, pdf.js refuses the file, poppler and pypdf still show the pages.
 */
export function makeLostPageTreePdf(): Uint8Array {
  const page = (content: number): string => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents ${content} 0 R >>`;
  const pdf = Buffer.from(
    pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      page(6),
      page(6),
      page(6),
      '<< /Length 18 >>\nstream\nq 1 0 0 1 0 0 cm Q\nendstream',
    ]),
  );
  const start = pdf.indexOf('2 0 obj');
  pdf.fill(0, start, pdf.indexOf('endobj', start) + 'endobj'.length);
  return new Uint8Array(pdf);
}

/** A large PDF whose startxref points past the end of the file: readers rebuild the table by scanning it all. */
export async function makeBrokenXrefPdf(pages: number): Promise<Uint8Array> {
  const pdf = Buffer.from(await makePdf({ pages, imageBytesPerPage: 100_000 }));
  const at = pdf.lastIndexOf('startxref');
  return new Uint8Array(Buffer.concat([pdf.subarray(0, at), Buffer.from('startxref\n999999999\n%%EOF\n')]));
}
