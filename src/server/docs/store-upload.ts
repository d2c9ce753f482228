// An upload from the request stream to stored files: bytes to disk (size limit, hash), type from
// the bytes, then the PDF the viewer shows: the upload itself for a PDF, LibreOffice's rendition
// for Word and PowerPoint. Whatever fails, nothing is left behind.
import type { Readable } from 'node:stream';
import type { PdfConverter } from './convert-to-pdf.ts';
import { withFileSource } from './byte-source.ts';
import { detectDocumentType } from './detect-type.ts';
import type { DocumentTypeInfo } from './document-types.ts';
import type { FileStore, StoredFile } from './file-store.ts';
import { countPdfPages } from './pdf-page-count.ts';

export interface StoredUpload {
  original: StoredFile;
  type: DocumentTypeInfo;
  /** Store name of the PDF shown to recipients (the original's for a PDF upload). */
  pdfFile: string;
  pageCount: number;
}

export async function storeUpload(
  files: FileStore,
  converter: PdfConverter,
  stream: Readable,
  fileName: string,
  maxBytes: number,
): Promise<StoredUpload> {
  const original = await files.save(stream, { maxBytes });
  let pdfFile: string | null = null;
  try {
    const type = await withFileSource(original.path, (source) => detectDocumentType(source, fileName));
    if (!type.needsConversion) {
      return { original, type, pdfFile: original.name, pageCount: await countPdfPages(original.path) };
    }
    const target = await files.reservePath();
    pdfFile = target.name;
    const converted = await converter.convert(original.path, type, target.path);
    return { original, type, pdfFile: target.name, pageCount: converted.pageCount };
  } catch (error) {
    await files.remove(original.name);
    if (pdfFile) await files.remove(pdfFile);
    throw error;
  }
}
