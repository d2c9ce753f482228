// instrumentEmailHtml(): adds the open pixel and turns links into signed tracked links in the
// HTML of an outgoing email. Used by the extension at send (content script or service worker)
// and by `glint email create --html` (Node), so it is synchronous and DOM-free. It splices the
// original string at the offsets the scanner found: every byte it does not mean to change stays.
// Any string is accepted; only bad options (programming errors) throw.
//
// Decisions (see the tests for each):
// - The pixel goes right before the quoted earlier message when there is one (before the <br>
//   Gmail puts in front of it: the image then shares that blank line even in clients that ignore
//   display:block, like Outlook's Word engine), else before </body>, else at the end. Gmail clips
//   messages over ~102 KB behind "View entire message" and a long thread's quote is what makes a
//   reply big: a pixel after the quote would often never load. A signature below the quote is
//   still the rep's own content (its links are tracked).
// - Every Glint pixel already present is removed (the quote of an earlier tracked email carries
//   one, possibly through Gmail's image proxy): it would report opens of that earlier email.
// - Links inside the quoted message stay as they were: it is someone else's content (often the
//   recipient's own mail), and a click on the recipient's own link would read as a click on ours.
// - Each link occurrence gets its own index, even for a repeated destination, so the feed can
//   tell the button from the footer link. Indices count from 0 in document order.
// - The destination signed is what the browser would open: entities decoded, whitespace trimmed,
//   WHATWG-serialised (IDN in punycode, UTF-8 percent-encoded; ASCII, fit for a Location header).
// - <area href> (image maps) and VML shapes inside Outlook conditional comments are links the
//   recipient clicks, so they are tracked like <a href>. <base href> is ignored: relative hrefs
//   are never tracked. Links into Glint itself (document viewer) are tracked by Glint already.
// - Where a browser might read raw text (<style>, <script>, <textarea>, <title>...), nothing is
//   touched and no pixel is put.
// - At most 1000 links per email (what a registration carries) and indices up to 9999 (what a
//   click URL carries); links past that, or longer than 8192 characters, stay untracked.
// - Idempotent: tracked links are never wrapped again; this email's own tracked links (same token,
//   verified signature) are reported in `links` with their index and original destination, and a
//   new link gets the next free index. `links` is thus every tracked link of this email present in
//   the returned HTML, in index order, whatever the pass (also with clickTracking off).
import { decodeBase64Url } from './base64url.ts';
import { isId } from './ids.ts';
import { glintPrefixOf, judgeHref, quotedAttribute, type LinkContext } from './instrument-links.ts';
import { scanMarkup, type HrefSite, type MarkupScan } from './instrument-scan.ts';
import type { SigningKey } from './link-signing.ts';
import { clickUrl, pixelTokenOf, pixelUrl } from './tracking-urls.ts';

export interface InstrumentOptions {
  baseUrl: string;
  token: string;
  signingKey: SigningKey;
  /** Default true. */
  openTracking?: boolean;
  /** Default true. */
  clickTracking?: boolean;
}

export interface InstrumentResult {
  html: string;
  /** Original destinations by link index (the index in the tracked URL), in index order. */
  links: { index: number; url: string }[];
}

/** parseClickParts accepts link indices of 1 to 4 digits. */
export const MAX_LINK_INDEX = 9999;
/** emailRegistrationSchema accepts at most this many links; later ones stay untracked. */
export const MAX_TRACKED_LINKS = 1000;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Invisible everywhere: 1x1, no border, a block so it adds no line box (no gap under text). */
export function pixelMarkup(src: string): string {
  const style = 'display:block;width:1px;height:1px;border:0;margin:0;padding:0';
  return `<img src=${quotedAttribute(src, '"')} alt="" width="1" height="1" border="0" style="${style}" />`;
}

/** Bad options are programming errors: fail loudly rather than send links that cannot work. */
function assertOptions(options: InstrumentOptions): void {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`instrumentEmailHtml: baseUrl is not a URL: ${options.baseUrl}`);
  }
  if ((base.protocol !== 'https:' && base.protocol !== 'http:') || base.search || base.hash) {
    throw new TypeError(`instrumentEmailHtml: baseUrl must be http(s) without query or fragment: ${options.baseUrl}`);
  }
  if (!isId('emailToken', options.token)) throw new TypeError('instrumentEmailHtml: token is not an email token');
  if (!isId('signingKey', options.signingKey.kid)) throw new TypeError('instrumentEmailHtml: bad signing key id');
  const secret = decodeBase64Url(options.signingKey.secret);
  if (!secret || secret.length < 32) throw new TypeError('instrumentEmailHtml: signing secret must be 32+ bytes');
}

function planLinks(hrefs: HrefSite[], html: string, options: InstrumentOptions, edits: Edit[]): InstrumentResult['links'] {
  const context: LinkContext = { token: options.token, signingKey: options.signingKey, glintPrefix: glintPrefixOf(options.baseUrl) };
  const verdicts = hrefs.map((site) => ({ site, verdict: judgeHref(site.value, site.inQuote, context) }));
  const byIndex = new Map<number, string>();
  for (const { verdict } of verdicts) if (verdict.kind === 'own') byIndex.set(verdict.index, verdict.url);
  if (options.clickTracking ?? true) {
    let next = byIndex.size === 0 ? 0 : Math.max(...byIndex.keys()) + 1;
    for (const { site, verdict } of verdicts) {
      if (verdict.kind !== 'track' || next > MAX_LINK_INDEX || byIndex.size >= MAX_TRACKED_LINKS) continue;
      const tracked = clickUrl(options.baseUrl, options.signingKey, options.token, next, verdict.url);
      edits.push({ start: site.start, end: site.end, text: quotedAttribute(tracked, html.slice(site.start, site.end)) });
      byIndex.set(next, verdict.url);
      next++;
    }
  }
  return [...byIndex].sort(([a], [b]) => a - b).map(([index, url]) => ({ index, url }));
}

function pixelPosition(scan: MarkupScan): number {
  return scan.quoteStart ?? scan.bodyEnd ?? scan.htmlEnd ?? scan.textEnd;
}

function applyEdits(html: string, edits: Edit[]): string {
  if (edits.length === 0) return html;
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of edits) {
    parts.push(html.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  parts.push(html.slice(cursor));
  return parts.join('');
}

export function instrumentEmailHtml(html: string, options: InstrumentOptions): InstrumentResult {
  assertOptions(options);
  const scan = scanMarkup(html);
  const edits: Edit[] = [];
  for (const image of scan.images) {
    if (pixelTokenOf(image.src.trim()) !== null) edits.push({ start: image.start, end: image.end, text: '' });
  }
  const links = planLinks(scan.hrefs, html, options, edits);
  if (options.openTracking ?? true) {
    const at = pixelPosition(scan);
    edits.push({ start: at, end: at, text: pixelMarkup(pixelUrl(options.baseUrl, options.token)) });
  }
  return { html: applyEdits(html, edits), links };
}
