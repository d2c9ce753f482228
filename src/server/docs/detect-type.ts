// Decides what an upload is from its bytes, never from its name: a renamed program must not reach
// LibreOffice or a recipient. The name only breaks a tie between Word and PowerPoint when an old
// OLE2 file's directory cannot be read.
import { startsWith, type ByteSource } from './byte-source.ts';
import { describeBytes } from './describe-bytes.ts';
import { DOCUMENT_TYPE_INFO, UnsupportedFileTypeError, type DocumentTypeInfo } from './document-types.ts';
import { listOle2Streams, OLE2_SIGNATURE } from './ole2-directory.ts';
import { listZipEntries } from './zip-entries.ts';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
// Acrobat and pdf.js accept a header anywhere in the first 1024 bytes (PDF 32000-1, Annex H.3).
const PDF_HEADER_WINDOW = 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function findPdfHeader(head: Uint8Array): boolean {
  const limit = Math.min(head.length, PDF_HEADER_WINDOW);
  for (let at = 0; at + PDF_MAGIC.length <= limit; at++) {
    if (startsWith(head, PDF_MAGIC, at)) return true;
  }
  return false;
}

function extensionOf(fileName: string | undefined): string {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(fileName ?? '');
  return match?.[1]?.toLowerCase() ?? '';
}

async function detectOle2(source: ByteSource, fileName: string | undefined): Promise<DocumentTypeInfo> {
  const names = await listOle2Streams(source);
  if (names === null) {
    // Directory unreadable: trust the name only among the two OLE2 kinds we accept.
    const extension = extensionOf(fileName);
    if (extension === 'doc' || extension === 'ppt') return DOCUMENT_TYPE_INFO[extension];
    throw new UnsupportedFileTypeError('a damaged Office file');
  }
  const has = (name: string): boolean => names.includes(name);
  if (has('WordDocument')) return DOCUMENT_TYPE_INFO.doc;
  if (has('PowerPoint Document')) return DOCUMENT_TYPE_INFO.ppt;
  if (has('EncryptedPackage')) throw new UnsupportedFileTypeError('a password-protected Office document');
  if (has('Workbook') || has('Book')) throw new UnsupportedFileTypeError('an Excel spreadsheet');
  throw new UnsupportedFileTypeError('an Office file of another kind');
}

async function detectZip(source: ByteSource): Promise<DocumentTypeInfo> {
  const names = await listZipEntries(source);
  if (names === null) throw new UnsupportedFileTypeError('a damaged ZIP archive');
  const hasPrefix = (prefix: string): boolean => names.some((name) => name.startsWith(prefix));
  if (names.includes('[Content_Types].xml')) {
    if (hasPrefix('word/')) return DOCUMENT_TYPE_INFO.docx;
    if (hasPrefix('ppt/')) return DOCUMENT_TYPE_INFO.pptx;
    if (hasPrefix('xl/')) throw new UnsupportedFileTypeError('an Excel spreadsheet');
    throw new UnsupportedFileTypeError('an Office file of another kind');
  }
  if (names.includes('mimetype')) throw new UnsupportedFileTypeError('an OpenDocument file');
  throw new UnsupportedFileTypeError('a ZIP archive');
}

/**
 * The document type of `source`, or an UnsupportedFileTypeError whose message tells the uploader
 * what the file seems to be and what to upload instead.
 */
export async function detectDocumentType(source: ByteSource, fileName?: string): Promise<DocumentTypeInfo> {
  const head = await source.read(0, PDF_HEADER_WINDOW);
  if (findPdfHeader(head)) return DOCUMENT_TYPE_INFO.pdf;
  if (startsWith(head, OLE2_SIGNATURE)) return detectOle2(source, fileName);
  if (startsWith(head, ZIP_MAGIC)) return detectZip(source);
  throw new UnsupportedFileTypeError(describeBytes(head));
}
