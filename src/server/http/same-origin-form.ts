// A browser form POST that changes something must come from our own page, not from a page on
// another site that submits it (cross-site request forgery). Fetch metadata says so directly
// (Sec-Fetch-Site: same-origin); a browser without it still sends Origin on a POST. A request
// with neither, or with an Origin of "null", is refused.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** `ownUrls`: the addresses this server answers at (its public URL, the OAuth redirect URL). */
export function isSameOriginForm(headers: IncomingHttpHeaders, ownUrls: readonly string[]): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = headers.origin;
  return typeof origin === 'string' && ownUrls.some((url) => originOf(url) === origin);
}

/** An application/x-www-form-urlencoded body as an object of its first values. */
export function parseFormBody(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body.toString())) if (!(name in fields)) fields[name] = value;
  done(null, fields);
}
