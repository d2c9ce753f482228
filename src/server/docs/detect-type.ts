// Decides what an upload is from its bytes, never from its name: a renamed program must not reach
// LibreOffice or a recipient. The name only breaks a tie between Word and PowerPoint when an old
// OLE2 file's directory cannot be read.
import { readUint16, startsWith, type ByteSource } from './byte-source.ts';
import { describeBytes } from './describe-bytes.ts';
import { DOCUMENT_TYPE_INFO, UnsupportedFileTypeError, type DocumentTypeInfo } from './document-types.ts';
import { listOle2Entries, OLE2_SIGNATURE, readOle2StreamHead, type Ole2Entry } from './ole2-directory.ts';
import { oldFormat, passwordProtected, type OfficeKind } from './refused-document.ts';
import { listZipEntries } from './zip-entries.ts';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
// Acrobat and pdf.js accept a header anywhere in the first 1024 bytes (PDF 32000-1, Annex H.3).
const PDF_HEADER_WINDOW = 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// Word for Windows 1.x and 2.0 files, from before the OLE2 container.
const OLD_WORD_MAGICS = [
  [0xdb, 0xa5],
  [0x9b, 0xa5],
];
// A PDF without its header line still opens in readers when it starts with a comment or an object.
const HEADERLESS_PDF = /^\s*(?:%[^\r\n]*[\r\n]+\s*)*\d+\s+\d+\s+obj\b/;
// The Word file information block's flags: fEncrypted (0x0100) and fObfuscated (0x8000).
const WORD_FIB_FLAGS = 0x0a;
const WORD_PASSWORD_FLAGS = 0x0100 | 0x8000;

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

function looksLikeHeaderlessPdf(head: Uint8Array): boolean {
  return HEADERLESS_PDF.test(new TextDecoder('latin1').decode(head));
}

function officeKindOf(fileName: string | undefined): OfficeKind {
  const extension = extensionOf(fileName);
  if (extension.startsWith('doc')) return 'word';
  if (extension.startsWith('ppt')) return 'powerpoint';
  return 'office';
}

async function isEncryptedWord(source: ByteSource, entry: Ole2Entry): Promise<boolean> {
  const fib = await readOle2StreamHead(source, entry, 16);
  return fib !== null && (readUint16(fib, WORD_FIB_FLAGS) & WORD_PASSWORD_FLAGS) !== 0;
}

async function detectOle2(source: ByteSource, fileName: string | undefined): Promise<DocumentTypeInfo> {
  const entries = await listOle2Entries(source);
  const names = entries?.map((entry) => entry.name) ?? null;
  if (entries === null || names === null) {
    // Directory unreadable: trust the name only among the two OLE2 kinds we accept.
    const extension = extensionOf(fileName);
    if (extension === 'doc' || extension === 'ppt') return DOCUMENT_TYPE_INFO[extension];
    throw new UnsupportedFileTypeError('a damaged Office file');
  }
  const has = (name: string): boolean => names.includes(name);
  const wordStream = entries.find((entry) => entry.name === 'WordDocument');
  if (wordStream) {
    if (await isEncryptedWord(source, wordStream)) throw passwordProtected('word');
    return DOCUMENT_TYPE_INFO.doc;
  }
  if (has('PowerPoint Document')) {
    if (has('EncryptedSummary')) throw passwordProtected('powerpoint');
    // PowerPoint 95 keeps a "Header" stream and its own storage directory; 97 and later do not.
    if (has('Header') || has('PP40')) throw oldFormat('powerpoint');
    return DOCUMENT_TYPE_INFO.ppt;
  }
  // An encrypted .docx or .pptx is an OLE2 file around the encrypted package: only its name
  // tells Word from PowerPoint.
  if (has('EncryptedPackage')) throw passwordProtected(officeKindOf(fileName));
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
  if (OLD_WORD_MAGICS.some((magic) => startsWith(head, magic))) throw oldFormat('word');
  if (looksLikeHeaderlessPdf(head)) return DOCUMENT_TYPE_INFO.pdf;
  throw new UnsupportedFileTypeError(describeBytes(head));
}
