// What the document routes share per server: the file store under DATA_DIR/docs, the LibreOffice
// converter (its semaphore must be one per process), the per-visit queue and the viewer page.
// Built on first use from the server context, so the core context needs no document fields.
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { PdfConverter } from './convert-to-pdf.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, FileStore } from './file-store.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { loadViewerTemplate, VIEWER_DIST_DIR } from './viewer-page.ts';

/** Environment variables of the document feature (the core's table lists the server's own). */
export const DOCS_ENV_VARS = [
  { name: 'DOCS_MAX_UPLOAD_MB', default: '100', meaning: 'Largest accepted upload, in MB' },
  { name: 'DOCS_CONVERSIONS', default: '2', meaning: 'LibreOffice conversions running at once' },
  { name: 'DOCS_CONVERT_TIMEOUT_S', default: '120', meaning: 'A conversion taking longer is stopped' },
  { name: 'SOFFICE_PATH', default: 'soffice', meaning: 'The LibreOffice executable' },
  { name: 'VIEWER_DIR', default: './dist/viewer', meaning: 'The built document viewer (npm run build)' },
] as const;

const docsEnvSchema = z.object({
  DOCS_MAX_UPLOAD_MB: z.coerce.number().positive().max(4096).optional(),
  DOCS_CONVERSIONS: z.coerce.number().int().min(1).max(32).default(2),
  DOCS_CONVERT_TIMEOUT_S: z.coerce.number().positive().max(3600).default(120),
  SOFFICE_PATH: z.string().min(1).optional(),
  VIEWER_DIR: z.string().min(1).optional(),
});

export interface DocsContext {
  files: FileStore;
  converter: PdfConverter;
  maxUploadBytes: number;
  visits: KeyedQueue;
  /** The built viewer page; read once, then kept. */
  viewerTemplate: () => Promise<string>;
  viewerDir: string;
}

const contexts = new WeakMap<ServerContext, DocsContext>();

export function docsContext(context: ServerContext, env: NodeJS.ProcessEnv = process.env): DocsContext {
  const existing = contexts.get(context);
  if (existing) return existing;
  const parsed = docsEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid document configuration: ${lines.join('; ')}`);
  }
  const settings = parsed.data;
  const viewerDir = settings.VIEWER_DIR ?? VIEWER_DIST_DIR;
  let template: Promise<string> | null = null;
  const created: DocsContext = {
    files: new FileStore(context.config.dataDir),
    converter: new PdfConverter({
      concurrency: settings.DOCS_CONVERSIONS,
      timeoutMs: settings.DOCS_CONVERT_TIMEOUT_S * 1000,
      ...(settings.SOFFICE_PATH ? { sofficePath: settings.SOFFICE_PATH } : {}),
    }),
    maxUploadBytes: settings.DOCS_MAX_UPLOAD_MB ? Math.round(settings.DOCS_MAX_UPLOAD_MB * 1024 * 1024) : DEFAULT_MAX_UPLOAD_BYTES,
    visits: new KeyedQueue(),
    viewerDir,
    viewerTemplate: () => {
      template ??= loadViewerTemplate(viewerDir).catch((error: unknown) => {
        template = null;
        throw error;
      });
      return template;
    },
  };
  contexts.set(context, created);
  return created;
}
