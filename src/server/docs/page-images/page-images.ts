// The first pages of each ready document as images, so the recipient sees page 1 at once while
// pdf.js loads. Rendering runs after the document becomes ready (ready-hook.ts), in a child
// process (page-image-renderer.ts), one document at a time: it takes a core, and a recipient
// who arrives before it is done simply gets pdf.js alone. A document without images when a
// recipient asks (rendered before a restart cut it short, or uploaded before this existed) is
// queued then. A failed rendering leaves an empty manifest: pdf.js alone, and no retry loop.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Semaphore } from '../../lib/semaphore.ts';
import type { DocumentRecord } from '../../store/store.ts';
import type { FileStore } from '../file-store.ts';
import { pageImageManifestSchema, type PageImage, type PageImageManifest } from './page-image-manifest.ts';
import { renderFirstPages } from './page-image-renderer.ts';

const MANIFEST = 'pages.json';

export interface PageImageSettings {
  /** How many first pages become images; 0 turns the job off. */
  pages: number;
  /** Pixels across each image: the viewer's widest page slot (960 CSS px). */
  width: number;
  timeoutMs: number;
}

/** Where a failed rendering is told (the server's log once the routes are registered). */
export type PageImageLog = (error: unknown, documentId: string) => void;

export const PAGE_IMAGE_WIDTH = 960;
export const PAGE_IMAGE_TIMEOUT_MS = 60_000;

export class PageImages {
  private readonly running = new Map<string, Promise<void>>();
  private readonly turns = new Semaphore(1);
  private closed = false;
  private log: PageImageLog = () => undefined;

  private readonly files: FileStore;
  private readonly settings: PageImageSettings;

  constructor(files: FileStore, settings: PageImageSettings) {
    this.files = files;
    this.settings = settings;
  }

  useLog(log: PageImageLog): void {
    this.log = log;
  }

  get enabled(): boolean {
    return this.settings.pages > 0;
  }

  /** Queues the rendering of a ready document's first pages (once; nothing when they exist). */
  schedule(document: DocumentRecord): void {
    if (!this.enabled || this.closed || document.status !== 'ready' || this.running.has(document.pdfFile)) return;
    const run = this.turns
      .run(() => this.render(document))
      .catch((error: unknown) => this.log(error, document.id))
      .finally(() => this.running.delete(document.pdfFile));
    this.running.set(document.pdfFile, run);
  }

  /** What exists for a document; null when nothing was rendered yet (then it is queued). */
  async manifestOf(document: DocumentRecord): Promise<PageImageManifest | null> {
    if (!this.enabled || document.status !== 'ready') return null;
    const manifest = await this.readManifest(document.pdfFile);
    if (!manifest) this.schedule(document);
    return manifest;
  }

  /** The image of one page, when it was rendered. */
  async imageOf(document: DocumentRecord, page: number): Promise<{ image: PageImage; path: string } | null> {
    const image = (await this.manifestOf(document))?.pages.find((entry) => entry.page === page);
    return image ? { image, path: join(this.files.pageImagesDirOf(document.pdfFile), image.file) } : null;
  }

  async remove(document: Pick<DocumentRecord, 'pdfFile'>): Promise<void> {
    await this.running.get(document.pdfFile);
    await this.files.removePageImages(document.pdfFile);
  }

  /** Resolves once the renderings queued or under way have ended (each has a timeout). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Stops queueing, then waits for what is under way. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async readManifest(pdfFile: string): Promise<PageImageManifest | null> {
    try {
      const text = await readFile(join(this.files.pageImagesDirOf(pdfFile), MANIFEST), 'utf8');
      return pageImageManifestSchema.parse(JSON.parse(text));
    } catch {
      return null;
    }
  }

  private async render(document: DocumentRecord): Promise<void> {
    if (this.closed || (await this.readManifest(document.pdfFile))) return;
    let failure: unknown = null;
    await this.files.publishPageImages(document.pdfFile, async (dir) => {
      let manifest: PageImageManifest = { pages: [] };
      try {
        manifest = await renderFirstPages({ pdfPath: this.files.pathOf(document.pdfFile), outDir: dir, ...this.settings });
      } catch (error) {
        failure = error;
      }
      await writeFile(join(dir, MANIFEST), JSON.stringify(manifest));
    });
    if (failure !== null) throw failure;
  }
}
