// Independent checks for the instrumenter's output: plain regular expressions over the markup,
// not the instrumenter's own scanner, so a scanner bug cannot hide itself.
import { parseClickParts } from '../../src/shared/tracking-urls.ts';
import { verifyLinkSignature, type SigningKey } from '../../src/shared/link-signing.ts';
import type { InstrumentOptions } from '../../src/shared/instrument.ts';

export const KEY: SigningKey = { kid: 'sk_TestKeyAAAAAAAAAAAAAAA', secret: 'VGVzdFNlY3JldFRlc3RTZWNyZXRUZXN0U2VjcmV0MTI' };
export const TOKEN = 'em_ThisEmailAAAAAAAAAAAAA';
export const BASE = 'https://glint.example.com';
export const OPTIONS: InstrumentOptions = { baseUrl: BASE, token: TOKEN, signingKey: KEY };

const HREF = /(\shref\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>][^\s>]*)/gi;
const GLINT_PIXEL = /<img\b[^>]*\/t\/o\/em_[A-Za-z0-9_-]{22}\.gif[^>]*>/gi;

function unescapeAttribute(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Raw href attribute values in source order, quotes removed, entities as written. */
export function rawHrefs(html: string): string[] {
  return [...html.matchAll(HREF)].map((match) => (match[2] ?? '').replace(/^["']|["']$/g, ''));
}

/** Every Glint pixel <img> tag in the markup (any token, any server, via any proxy). */
export function glintPixels(html: string): string[] {
  return html.match(GLINT_PIXEL) ?? [];
}

/** The markup with Glint pixels removed and every href value blanked. */
export function skeleton(html: string): string {
  return html.replace(GLINT_PIXEL, '').replace(HREF, '$1#');
}

export interface DecodedClick {
  token: string;
  index: number;
  destination: string;
  verified: boolean;
}

/** Reads a tracked click URL back the way the server does; null when it is not one. */
export function decodeClick(rawHref: string, key: SigningKey = KEY): DecodedClick | null {
  let url: URL;
  try {
    url = new URL(unescapeAttribute(rawHref));
  } catch {
    return null;
  }
  const match = /^\/t\/c\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return null;
  const query = Object.fromEntries(url.searchParams);
  const parsed = parseClickParts(match[1], match[2], query);
  if (!parsed) return null;
  const verified =
    parsed.kid === key.kid && verifyLinkSignature(key.secret, parsed.emailToken, parsed.linkIndex, parsed.destination, parsed.signature);
  return { token: parsed.emailToken, index: parsed.linkIndex, destination: parsed.destination, verified };
}

/** This email's tracked links in the output, in document order. */
export function ownClicks(html: string, token = TOKEN): DecodedClick[] {
  return rawHrefs(html)
    .map((href) => decodeClick(href))
    .filter((click): click is DecodedClick => click?.token === token);
}
