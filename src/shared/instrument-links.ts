// Decides what happens to one href: track it, recognise it as a tracked link of this very email
// (a second pass), or leave it alone. Pure string logic; the splicing is in instrument.ts.
import { verifyLinkSignature, type SigningKey } from './link-signing.ts';
import { CLICK_PATH_PREFIX, isSafeDestination, isTrackedClickUrl, normaliseBaseUrl, parseClickParts } from './tracking-urls.ts';

/** trackedLinkSchema (api-schemas.ts) accepts destinations up to this length. */
export const MAX_DESTINATION_LENGTH = 8192;

export type HrefVerdict = { kind: 'leave' } | { kind: 'own'; index: number; url: string } | { kind: 'track'; url: string };

export interface LinkContext {
  token: string;
  signingKey: SigningKey;
  /** The Glint server's base URL, normalised, with one trailing slash. */
  glintPrefix: string;
}

const LEAVE: HrefVerdict = { kind: 'leave' };
const CLICK_PATH = new RegExp(`${CLICK_PATH_PREFIX}([^/]+)/([^/]+)$`);

export function glintPrefixOf(baseUrl: string): string {
  return new URL(`${normaliseBaseUrl(baseUrl)}/`).href;
}

/** Browsers strip leading and trailing ASCII whitespace and C0 controls from a URL. */
function trimUrl(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

/** A tracked link of this email signed with this key: its index and original destination. */
function ownTrackedLink(href: string, context: LinkContext): { index: number; url: string } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const path = CLICK_PATH.exec(url.pathname);
  if (!path?.[1] || !path[2]) return null;
  const query = url.searchParams;
  const parsed = parseClickParts(path[1], path[2], {
    k: query.get('k') ?? undefined,
    d: query.get('d') ?? undefined,
    s: query.get('s') ?? undefined,
  });
  if (!parsed || parsed.emailToken !== context.token || parsed.kid !== context.signingKey.kid) return null;
  const { secret } = context.signingKey;
  if (!verifyLinkSignature(secret, parsed.emailToken, parsed.linkIndex, parsed.destination, parsed.signature)) {
    return null;
  }
  return { index: parsed.linkIndex, url: parsed.destination };
}

export function judgeHref(value: string, inQuote: boolean, context: LinkContext): HrefVerdict {
  // A browser's tokenizer reads NUL in an attribute as U+FFFD; read the URL it would open.
  const href = trimUrl(value.replace(/\0/g, '\uFFFD'));
  // Tracked already (this email's, another email's, another Glint user's): never wrapped twice.
  if (isTrackedClickUrl(href)) {
    const own = ownTrackedLink(href, context);
    return own ? { kind: 'own', ...own } : LEAVE;
  }
  // Only http(s): mailto:, tel:, sms:, javascript:, data:, #anchors, relative and empty hrefs
  // all fail here (relative ones have no base to resolve against, so their target is unknown).
  if (inQuote || !isSafeDestination(href)) return LEAVE;
  // The WHATWG serialisation is exactly what the browser would open on a click (IDN hosts in
  // punycode, UTF-8 paths percent-encoded), and it is ASCII, so the server can put it in a
  // Location header as is.
  const url = new URL(href).href;
  // Links into Glint itself (document viewer links) are tracked by Glint already.
  if (url.startsWith(context.glintPrefix)) return LEAVE;
  if (url.length > MAX_DESTINATION_LENGTH) return LEAVE;
  return { kind: 'track', url };
}

/**
 * An attribute value token that reads back as `value`: in the original's quote character when it
 * had one (single or double), in double quotes when it was unquoted.
 */
export function quotedAttribute(value: string, originalToken: string): string {
  const quote = originalToken.startsWith("'") ? "'" : '"';
  const escaped = value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${quote}${escaped}${quote}`;
}
