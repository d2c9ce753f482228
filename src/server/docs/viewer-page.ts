// The viewer page for one tracked link: the built dist/viewer/index.html with the link's
// ViewerConfig written into a <meta> tag and the title into <title>, both HTML-escaped, and page 1's
// image when there is one, served under a CSP that allows nothing but our own scripts, worker and
// same-origin fetches, the page's own stylesheet (inlined, by its hash) and data: images (page 1
// comes inline when small).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWER_CONFIG_META, type ViewerConfig } from '../../shared/viewer-config.ts';
import type { FirstPageImage } from './first-page-image.ts';

/** dist/viewer of this checkout, wherever `glint serve` is started from. */
export const VIEWER_DIST_DIR = fileURLToPath(new URL('../../../dist/viewer', import.meta.url));
/** Where the page loads its bundles from: vite.viewer.config.ts builds with this `base`. */
export const VIEWER_ASSET_PREFIX = '/viewer/';

/** The viewer's CSP; `styleHashes` are the sha256 (base64) of the inline <style> elements it may apply. */
export function viewerCsp(styleHashes: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "img-src 'self' data: blob:",
    ["style-src 'self'", ...styleHashes.map((hash) => `'sha256-${hash}'`)].join(' '),
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const VIEWER_CSP = viewerCsp();

function pageHeaders(csp: string): Readonly<Record<string, string>> {
  // The link token is in the URL, so no Referer may carry it away.
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex, nofollow',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Headers of the viewer's pages that carry no style of their own (the small error pages). */
export const VIEWER_PAGE_HEADERS = pageHeaders(VIEWER_CSP);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export class ViewerNotBuiltError extends Error {
  constructor(dir: string) {
    super(`The document viewer is not built (${join(dir, 'index.html')} is missing): run \`npm run build\``);
    this.name = 'ViewerNotBuiltError';
  }
}

/** The built viewer page, read once, and the headers to serve every page made from it with. */
export interface ViewerTemplate {
  html: string;
  headers: Readonly<Record<string, string>>;
}

/** The <link> Vite writes for the viewer's one stylesheet (its path under dist/viewer in group 1). */
const STYLESHEET_LINK = new RegExp(`<link rel="stylesheet"[^>]*? href="${VIEWER_ASSET_PREFIX}(assets/[\\w.-]+\\.css)"[^>]*>`);

/**
 * The page with its stylesheet in a <style> element rather than a <link>: a stylesheet blocks the
 * first paint until it arrives, and this one (2 kB) would cost a request to this server before
 * page 1 can show. The CSP allows that one style by its hash, nothing else inline.
 */
export async function inlineStylesheet(html: string, readAsset: (path: string) => Promise<string>): Promise<ViewerTemplate> {
  const link = STYLESHEET_LINK.exec(html);
  if (!link?.[1]) return { html, headers: VIEWER_PAGE_HEADERS };
  const css = await readAsset(link[1]);
  if (/<\/style/i.test(css)) throw new Error(`${link[1]} contains "</style" and cannot be inlined`);
  const hash = createHash('sha256').update(css).digest('base64');
  return { html: html.replace(link[0], () => `<style>${css}</style>`), headers: pageHeaders(viewerCsp([hash])) };
}

export async function loadViewerTemplate(dir: string = VIEWER_DIST_DIR): Promise<ViewerTemplate> {
  let html: string;
  try {
    html = await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    throw new ViewerNotBuiltError(dir);
  }
  return inlineStylesheet(html, (path) => readFile(join(dir, path), 'utf8'));
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
