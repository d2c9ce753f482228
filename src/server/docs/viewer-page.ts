// The viewer page for one tracked link: the built dist/viewer/index.html with the link's
// ViewerConfig written into a <meta> tag and the title into <title>, both HTML-escaped, and page 1's
// image when there is one, served under a CSP that allows nothing but our own scripts, styles,
// worker and same-origin fetches (and data: images: page 1 comes inline when small).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWER_CONFIG_META, type ViewerConfig } from '../../shared/viewer-config.ts';
import type { FirstPageImage } from './first-page-image.ts';

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

/** What the viewer script adopts as page 1 (page-list.ts): the slot and its image, already shown. */
export const FIRST_PAGE_IMAGE_ATTRIBUTE = 'data-server-page';
/** The name Element Timing reports page 1's paint under (bench:viewer reads it). */
export const FIRST_PAGE_ELEMENT_TIMING = 'glint-page-1';

function firstPageHtml(image: FirstPageImage): string {
  return (
    `<div class="page" data-page="1">` +
    `<img ${FIRST_PAGE_IMAGE_ATTRIBUTE} class="shown" alt="" src="${escapeHtml(image.src)}" ` +
    `width="${image.width}" height="${image.height}" fetchpriority="high" decoding="sync" ` +
    `elementtiming="${FIRST_PAGE_ELEMENT_TIMING}" draggable="false" /></div>`
  );
}

/**
 * The page for one link. With `firstPage`, page 1 is in the HTML itself (painted before any
 * script runs), with the title and the navigation laid out as the script leaves them, so
 * nothing moves when it starts. Never behind the email form: that page shows no page at all.
 */
export function renderViewerHtml(template: string, config: ViewerConfig, firstPage: FirstPageImage | null = null): string {
  const meta = `<meta name="${VIEWER_CONFIG_META}" content="${escapeHtml(JSON.stringify(config))}" />`;
  let html = template
    .replace(new RegExp(`<meta name="${VIEWER_CONFIG_META}" content="" ?/?>`), () => meta)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(config.title)}</title>`);
  if (firstPage && config.identifyUrl === null && config.pageImages.length > 0)
    html = html
      .replace('<body data-state="loading">', '<body data-state="preview">')
      .replace('<h1 id="title" class="title"></h1>', () => `<h1 id="title" class="title">${escapeHtml(config.title)}</h1>`)
      .replace('<main id="pages" class="pages"></main>', () => `<main id="pages" class="pages">${firstPageHtml(firstPage)}</main>`);
  return html;
}
