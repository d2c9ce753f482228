// An upload from the request stream to stored files: bytes to disk (size limit, hash), type from
// the bytes, then what the viewer will show. A PDF is shown as it came (ready at once), or as its
// repaired copy when its page tree had to be rebuilt (page-tree-rebuild.ts); Word and PowerPoint
// get a reserved name for LibreOffice's PDF, made after the upload is answered (conversions.ts).
// Whatever fails here, nothing is left behind.
import type { Readable } from 'node:stream';
import { withFileSource } from './byte-source.ts';
import { detectDocumentType } from './detect-type.ts';
import type { DocumentTypeInfo } from './document-types.ts';
import type { FileStore, StoredFile } from './file-store.ts';
import { countUploadedPdf } from './page-count-workers.ts';

export interface StoredUpload {
  original: StoredFile;
  type: DocumentTypeInfo;
  /** Store name of the PDF shown to recipients (the original's for a PDF that opens as it is). */
  pdfFile: string;
  /** Null while the PDF is still to be made. */
  pageCount: number | null;
}

/** `onReceived` runs once the bytes are on disk, before the (possibly long) look at them. */
export async function storeUpload(
  files: FileStore,
  stream: Readable,
  fileName: string,
  maxBytes: number,
  onReceived?: () => void,
): Promise<StoredUpload> {
  const original = await files.save(stream, { maxBytes });
  onReceived?.();
  const pdf = await files.reservePath();
  try {
    const type = await withFileSource(original.path, (source) => detectDocumentType(source, fileName));
    if (!type.needsConversion) {
      const counted = await countUploadedPdf(original.path, pdf.path);
      return { original, type, pdfFile: counted.repaired ? pdf.name : original.name, pageCount: counted.pages };
    }
    return { original, type, pdfFile: pdf.name, pageCount: null };
  } catch (error) {
    await files.remove(original.name);
    await files.remove(pdf.name);
    throw error;
  }
}
