// The public URL formats of tracking: one place that builds them and one that reads them, used by
// the instrumenter (extension and CLI), the server routes and the self-view guard.
//   pixel: {base}/t/o/{emailToken}.gif
//   click: {base}/t/c/{emailToken}/{linkIndex}?k={kid}&d={base64url(destination)}&s={signature}
//   document viewer: {base}/d/{linkToken} (its files, beacons and email step below that path)
import { decodeUtf8Base64Url, encodeUtf8Base64Url } from './base64url.ts';
import { isId } from './ids.ts';
import { signLink, type SigningKey } from './link-signing.ts';

export const PIXEL_PATH_PREFIX = '/t/o/';
export const CLICK_PATH_PREFIX = '/t/c/';
export const DOCUMENT_PATH_PREFIX = '/d/';

/** The server's public base URL without a trailing slash ("https://glint.example.com"). */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

export function pixelUrl(baseUrl: string, emailToken: string): string {
  return `${normaliseBaseUrl(baseUrl)}${PIXEL_PATH_PREFIX}${emailToken}.gif`;
}

export function clickUrl(baseUrl: string, key: SigningKey, emailToken: string, linkIndex: number, destination: string): string {
  const signature = signLink(key.secret, emailToken, linkIndex, destination);
  const query = `k=${key.kid}&d=${encodeUtf8Base64Url(destination)}&s=${signature}`;
  return `${normaliseBaseUrl(baseUrl)}${CLICK_PATH_PREFIX}${emailToken}/${linkIndex}?${query}`;
}

export function documentViewerUrl(baseUrl: string, linkToken: string): string {
  return `${normaliseBaseUrl(baseUrl)}${DOCUMENT_PATH_PREFIX}${linkToken}`;
}

export interface ParsedClick {
  emailToken: string;
  linkIndex: number;
  kid: string;
  destination: string;
  signature: string;
}

/** Reads the parts of a click URL's path and query; null when the shape is wrong. */
export function parseClickParts(
  emailToken: string,
  linkIndexText: string,
  query: { k?: unknown; d?: unknown; s?: unknown },
): ParsedClick | null {
  if (!isId('emailToken', emailToken)) return null;
  if (!/^\d{1,4}$/.test(linkIndexText)) return null;
  const { k, d, s } = query;
  if (typeof k !== 'string' || typeof d !== 'string' || typeof s !== 'string') return null;
  if (!isId('signingKey', k) || !/^[A-Za-z0-9_-]{22}$/.test(s)) return null;
  const destination = decodeUtf8Base64Url(d);
  if (destination === null || !isSafeDestination(destination)) return null;
  return { emailToken, linkIndex: Number(linkIndexText), kid: k, destination, signature: s };
}

/** Only http(s) destinations are ever tracked or redirected to. */
export function isSafeDestination(destination: string): boolean {
  try {
    const url = new URL(destination);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const TOKEN_PATTERN = 'em_[A-Za-z0-9_-]{22}';
const PIXEL_PATH_PATTERN = new RegExp(`${PIXEL_PATH_PREFIX}(${TOKEN_PATTERN})\\.gif(?:$|[?#])`);
const CLICK_PATH_PATTERN = new RegExp(`${CLICK_PATH_PREFIX}${TOKEN_PATTERN}/\\d+\\?`);

/**
 * The email token of a Glint pixel URL, or null. Matches on the path alone so it also recognises
 * pixels of other Glint servers and pixels seen through Gmail's image proxy, which keeps the
 * original URL after a `#`.
 */
export function pixelTokenOf(url: string): string | null {
  return PIXEL_PATH_PATTERN.exec(url)?.[1] ?? null;
}

export function isTrackedClickUrl(url: string): boolean {
  return CLICK_PATH_PATTERN.test(url);
}
