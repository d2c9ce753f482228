// The viewer page for one tracked link: the built dist/viewer/index.html with the link's
// ViewerConfig written into a <meta> tag and the title into <title>, both HTML-escaped, served
// under a CSP that allows nothing but our own scripts, styles, worker and same-origin fetches.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWER_CONFIG_META, type ViewerConfig } from '../../shared/viewer-config.ts';

/** dist/viewer of this checkout, wherever `glint serve` is started from. */
export const VIEWER_DIST_DIR = fileURLToPath(new URL('../../../dist/viewer', import.meta.url));
/** Where the page loads its bundles from: vite.viewer.config.ts builds with this `base`. */
export const VIEWER_ASSET_PREFIX = '/viewer/';

export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of the viewer page: the link token is in the URL, so no Referer may carry it away. */
export const VIEWER_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': VIEWER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export class ViewerNotBuiltError extends Error {
  constructor(dir: string) {
    super(`The document viewer is not built (${join(dir, 'index.html')} is missing): run \`npm run build\``);
    this.name = 'ViewerNotBuiltError';
  }
}

export async function loadViewerTemplate(dir: string = VIEWER_DIST_DIR): Promise<string> {
  try {
    return await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    throw new ViewerNotBuiltError(dir);
  }
}

export function renderViewerHtml(template: string, config: ViewerConfig): string {
  let meta = `<meta name="${VIEWER_CONFIG_META}" content="${escapeHtml(JSON.stringify(config))}" />`;
  // Page 1's image downloads while the viewer's script does (not behind an email it waits for).
  const first = config.pageImages[0];
  if (first && config.identifyUrl === null)
    meta += `<link rel="preload" as="image" href="${escapeHtml(first.url)}" fetchpriority="high" />`;
  return template
    .replace(new RegExp(`<meta name="${VIEWER_CONFIG_META}" content="" ?/?>`), () => meta)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(config.title)}</title>`);
}
