// An upload from the request stream to stored files: bytes to disk (size limit, hash), type from
// the bytes, then what the viewer will show. A PDF is shown as it came (ready at once), or as its
// repaired copy when its page tree had to be rebuilt (page-tree-rebuild.ts); Word and PowerPoint
// get a reserved name for LibreOffice's PDF, made after the upload is answered (conversions.ts).
// An Office file encrypted with Office's default key (no password was ever asked) is opened here
// and its decrypted bytes stored in its place: recipients and LibreOffice only ever see those.
// Whatever fails here, nothing is left behind.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { withFileSource } from './byte-source.ts';
import { openWithDefaultKey } from './default-key.ts';
import { detectDocumentType } from './detect-type.ts';
import type { DocumentTypeInfo } from './document-types.ts';
import type { FileStore, StoredFile } from './file-store.ts';
import { countUploadedPdf } from './page-count-workers.ts';
import { RefusedDocumentError } from './refused-document.ts';

const DEFAULT_KEY_CANDIDATES = new Set(['password_protected_word', 'password_protected_powerpoint', 'password_protected_office']);

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
  const received = await files.save(stream, { maxBytes });
  onReceived?.();
  let original = received;
  const pdf = await files.reservePath();
  try {
    let type: DocumentTypeInfo;
    try {
      type = await withFileSource(original.path, (source) => detectDocumentType(source, fileName));
    } catch (error) {
      if (!(error instanceof RefusedDocumentError && DEFAULT_KEY_CANDIDATES.has(error.code))) throw error;
      original = await decryptWithDefaultKey(files, received, maxBytes, error);
      await files.remove(received.name);
      type = await withFileSource(original.path, (source) => detectDocumentType(source, fileName));
    }
    if (!type.needsConversion) {
      const counted = await countUploadedPdf(original.path, pdf.path);
      return { original, type, pdfFile: counted.repaired ? pdf.name : original.name, pageCount: counted.pages };
    }
    return { original, type, pdfFile: pdf.name, pageCount: null };
  } catch (error) {
    await files.remove(received.name);
    await files.remove(original.name);
    await files.remove(pdf.name);
    throw error;
  }
}

/** The decrypted copy of `encrypted`, stored under a new name, or `refusal` when the default key does not open it. */
async function decryptWithDefaultKey(
  files: FileStore,
  encrypted: StoredFile,
  maxBytes: number,
  refusal: RefusedDocumentError,
): Promise<StoredFile> {
  const scratch = await files.reservePath();
  try {
    if (!(await openWithDefaultKey(encrypted.path, scratch.path))) throw refusal;
    // Saved through the store so the stored copy gets its own size check and hash.
    return await files.save(createReadStream(scratch.path), { maxBytes });
  } finally {
    await files.remove(scratch.name);
  }
}
