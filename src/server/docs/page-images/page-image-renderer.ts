// Runs render-pages-child.ts for one PDF under a timeout and a memory cap, and reads back what it
// drew. The child's stderr (pdf.js warnings, a crash) is kept for the server's log only.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pageImageManifestSchema, type PageImageManifest } from './page-image-manifest.ts';

const CHILD = fileURLToPath(new URL('./render-pages-child.ts', import.meta.url));
/** pdf.js holds the whole file and its decoded images; more than this is a hostile PDF. */
const CHILD_HEAP_MB = 768;

export interface RenderRequest {
  pdfPath: string;
  outDir: string;
  pages: number;
  /** Width in pixels of each image (the viewer's widest page slot). */
  width: number;
  timeoutMs: number;
}

export class PageRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageRenderError';
  }
}

export function renderFirstPages(request: RenderRequest): Promise<PageImageManifest> {
  return new Promise((resolve, reject) => {
    const args = [
      `--max-old-space-size=${CHILD_HEAP_MB}`,
      CHILD,
      request.pdfPath,
      request.outDir,
      String(request.pages),
      String(request.width),
    ];
    // Only what Node needs: the server's secrets stay in the server.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production' };
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-64_000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new PageRenderError(`the page renderer could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new PageRenderError(`rendering the first pages took longer than ${request.timeoutMs} ms`));
      if (code !== 0)
        return reject(new PageRenderError(`the page renderer stopped with ${signal ?? `exit code ${code}`}: ${stderr.trim()}`));
      try {
        resolve(pageImageManifestSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')));
      } catch (error) {
        reject(new PageRenderError(`the page renderer answered something else than its pages: ${String(error)}`));
      }
    });
  });
}
