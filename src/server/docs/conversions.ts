// Word and PowerPoint conversions run after the upload is answered: the document is `converting`
// until LibreOffice's PDF is in place, then `ready` with its page count, or `failed` with a
// sentence saying why. A conversion cut short by a restart runs again at the next start (the
// original is stored; the PDF only ever arrives whole, by rename). The converter bounds how many
// run at once.
import type { DocumentRecord, Store } from '../store/store.ts';
import type { PdfConverter } from './convert-to-pdf.ts';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, type DocumentType } from './document-types.ts';
import type { FileStore } from './file-store.ts';
import { ConversionError } from './soffice.ts';

const isDocumentType = (value: string): value is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(value);

/** What a failed conversion tells the rep: what to do, never LibreOffice's output or a path. */
function failureSentence(error: unknown): string {
  if (error instanceof ConversionError && error.failure === 'timeout') return error.message;
  if (error instanceof ConversionError && error.failure === 'not_installed') {
    return 'This server cannot convert Word or PowerPoint files (LibreOffice is not installed there). Upload a PDF, or ask your administrator.';
  }
  return 'This document could not be converted to PDF: it may be damaged or password-protected. Save it again from Word or PowerPoint and upload it once more.';
}

export class Conversions {
  private readonly running = new Map<string, Promise<void>>();

  private readonly store: Store;
  private readonly files: FileStore;
  private readonly converter: PdfConverter;
  private readonly onError: (error: unknown) => void;

  constructor(store: Store, files: FileStore, converter: PdfConverter, onError: (error: unknown) => void) {
    this.store = store;
    this.files = files;
    this.converter = converter;
    this.onError = onError;
  }

  /** Starts the conversion of a document stored as `converting` (once per document). */
  start(document: DocumentRecord): void {
    if (this.running.has(document.id)) return;
    const run = this.convert(document).finally(() => this.running.delete(document.id));
    this.running.set(document.id, run);
  }

  /** Runs again the conversions a stop cut short. */
  async resume(): Promise<void> {
    for (const document of await this.store.listConvertingDocuments()) this.start(document);
  }

  /** Resolves once every running conversion has ended (each has its own timeout). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async convert(document: DocumentRecord): Promise<void> {
    try {
      if (!isDocumentType(document.docType)) throw new Error(`unknown document type ${document.docType}`);
      const target = this.files.pathOf(document.pdfFile);
      const { pageCount } = await this.converter.convert(
        this.files.pathOf(document.originalFile),
        DOCUMENT_TYPE_INFO[document.docType],
        target,
      );
      const finished = await this.store.finishConversion(document.id, { status: 'ready', pageCount }, new Date());
      // Deleted while converting: its PDF has no document any more.
      if (!finished) await this.files.remove(document.pdfFile);
    } catch (error) {
      this.onError(error);
      await this.store
        .finishConversion(document.id, { status: 'failed', failure: failureSentence(error) }, new Date())
        .catch((storeError: unknown) => this.onError(storeError));
    }
  }
}
