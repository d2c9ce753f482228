// What the document routes share per server: the file store (DOCS_DIR, shared by all instances), the LibreOffice
// converter (its semaphore must be one per process), the conversion queue's shares, the first-page images job,
// the per-visit queue, the abuse limits and the viewer page. Part of the server context (context.ts); building it touches no file.
import type { ServerConfig } from '../config.ts';
import { KeyedQueue } from '../lib/keyed-queue.ts';
import type { ConversionQueueSettings } from './conversions.ts';
import { PdfConverter } from './convert-to-pdf.ts';
import { DirectoryFileStore, type FileStore } from './file-store.ts';
import { PAGE_IMAGE_TIMEOUT_MS, PAGE_IMAGE_WIDTH, PageImages } from './page-images/page-images.ts';
import { ReaderLimits } from './reader-limits.ts';
import { loadViewerTemplate, VIEWER_DIST_DIR, type ViewerTemplate } from './viewer-page.ts';

export interface DocsContext {
  files: FileStore;
  converter: PdfConverter;
  /** The first pages of ready documents as images, rendered in the background. */
  pageImages: PageImages;
  /** This server's slots and the per-user and per-team shares of the store's conversion queue. */
  conversionQueue: ConversionQueueSettings;
  maxUploadBytes: number;
  visits: KeyedQueue;
  /** What a stranger holding a link may record (beacons, visits, downloads). */
  limits: ReaderLimits;
  /** The built viewer page; read once, then kept. */
  viewerTemplate: () => Promise<ViewerTemplate>;
  viewerDir: string;
}

/** The document settings are validated with the rest of the configuration (config.ts). */
export function createDocsContext(config: ServerConfig): DocsContext {
  const settings = config.docs;
  const viewerDir = settings.viewerDir ?? VIEWER_DIST_DIR;
  const files: FileStore = new DirectoryFileStore(config.cluster.docsDir);
  let template: Promise<ViewerTemplate> | null = null;
  return {
    files,
    pageImages: new PageImages(files, { pages: settings.pageImages, width: PAGE_IMAGE_WIDTH, timeoutMs: PAGE_IMAGE_TIMEOUT_MS }),
    converter: new PdfConverter({
      concurrency: settings.conversions,
      timeoutMs: settings.convertTimeoutMs,
      sofficePath: settings.sofficePath,
      maxMemoryMb: config.conversions.maxMemoryMb,
    }),
    conversionQueue: { slots: settings.conversions, perUser: config.conversions.perUser, perTeam: config.conversions.perTeam },
    maxUploadBytes: settings.maxUploadBytes,
    visits: new KeyedQueue(),
    limits: new ReaderLimits(),
    viewerDir,
    viewerTemplate: () => {
      template ??= loadViewerTemplate(viewerDir).catch((error: unknown) => {
        template = null;
        throw error;
      });
      return template;
    },
  };
}
