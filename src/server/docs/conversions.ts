// Word and PowerPoint conversions run after the upload is answered: the document is `converting`
// until LibreOffice's PDF is in place, then `ready` with its page count, or `failed` with a
// code and a sentence saying why (conversion-failures.ts). The queue is the store's (conversion-queue-store.ts): this server takes
// work by claiming it, up to its slots (DOCS_CONVERSIONS), within the per-user and per-team
// limits, and renews each claim while LibreOffice runs. It looks for work when an upload arrives,
// when a conversion ends, and every few seconds (work uploaded to another server, or left by one
// that died). The original is stored and the PDF only ever arrives whole, by rename, so a
// conversion cut short runs again from the start wherever it is claimed next.
import { randomUUID } from 'node:crypto';
import type { ConversionClaim, Store } from '../store/store.ts';
import { failedWith, failureCodeOf, MAX_CONVERSION_ATTEMPTS } from './conversion-failures.ts';
import type { PdfConverter } from './convert-to-pdf.ts';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, type DocumentType } from './document-types.ts';
import type { FileStore } from './file-store.ts';

const isDocumentType = (value: string): value is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(value);

export interface ConversionQueueSettings {
  /** Conversions this server runs at once. */
  slots: number;
  perUser: number;
  perTeam: number;
  /** A claim not renewed for this long is taken over by another server. */
  leaseMs?: number;
  /** How often an idle server looks for work it was not told about. */
  pollMs?: number;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 5_000;

export class Conversions {
  private readonly running = new Map<string, Promise<void>>();
  private readonly worker = `conversions-${randomUUID()}`;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private poller: NodeJS.Timeout | null = null;
  private stopped = false;

  private readonly store: Store;
  private readonly files: FileStore;
  private readonly converter: PdfConverter;
  private readonly settings: Required<ConversionQueueSettings>;
  private readonly onError: (error: unknown) => void;

  constructor(
    store: Store,
    files: FileStore,
    converter: PdfConverter,
    settings: ConversionQueueSettings,
    onError: (error: unknown) => void,
  ) {
    this.store = store;
    this.files = files;
    this.converter = converter;
    this.settings = { leaseMs: DEFAULT_LEASE_MS, pollMs: DEFAULT_POLL_MS, ...settings };
    this.onError = onError;
  }

  /** Starts taking work: what is queued now (a restart's leftovers too), then every poll. */
  start(): void {
    this.stopped = false;
    this.poller ??= setInterval(() => this.wake(), this.settings.pollMs);
    this.poller.unref();
    this.wake();
  }

  /** Looks for work now (an upload was just queued, or a slot freed). */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.wake();
        }
      });
  }

  /** Takes no more work and resolves once the conversions running here have ended (each has its timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    await this.pumping;
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async pump(): Promise<void> {
    while (!this.stopped && this.running.size < this.settings.slots) {
      const claim = await this.store.claimConversion({
        worker: this.worker,
        now: new Date(),
        leaseMs: this.settings.leaseMs,
        perUser: this.settings.perUser,
        perTeam: this.settings.perTeam,
      });
      if (!claim) return;
      const id = claim.document.id;
      this.running.set(
        id,
        this.run(claim).finally(() => {
          this.running.delete(id);
          this.wake();
        }),
      );
    }
  }

  /** Converts a claimed document, renewing the claim until it ends. */
  private async run(claim: ConversionClaim): Promise<void> {
    const { document } = claim;
    const renewal = setInterval(() => {
      const until = new Date(Date.now() + this.settings.leaseMs);
      this.store.renewConversionClaim(document.id, this.worker, until).catch((error: unknown) => this.onError(error));
    }, this.settings.leaseMs / 3);
    try {
      if (claim.attempt > MAX_CONVERSION_ATTEMPTS) {
        await this.store.finishConversion(document.id, failedWith('gave_up'), new Date());
        return;
      }
      if (!isDocumentType(document.docType)) throw new Error(`unknown document type ${document.docType}`);
      const { pageCount } = await this.converter.convert(
        this.files.pathOf(document.originalFile),
        DOCUMENT_TYPE_INFO[document.docType],
        this.files.pathOf(document.pdfFile),
      );
      const finished = await this.store.finishConversion(document.id, { status: 'ready', pageCount }, new Date());
      // Deleted while converting: its PDF has no document any more. (Finished by a server that
      // took the claim over: that server's PDF is in the same place and stays.)
      if (!finished && (await this.store.getDocument(document.id)) === null) await this.files.remove(document.pdfFile);
    } catch (error) {
      this.onError(error);
      await this.store
        .finishConversion(document.id, failedWith(failureCodeOf(error)), new Date())
        .catch((storeError: unknown) => this.onError(storeError));
    } finally {
      clearInterval(renewal);
    }
  }
}
