// What tracking URLs answer besides redirects: the pixel image, the broken-link page and the page
// of a document link that is not available. Shared by the routes and by the framework error
// handler (a mangled tracking URL still gets them).
import type { FastifyReply } from 'fastify';
import { VIEWER_PAGE_HEADERS } from '../docs/viewer-page.ts';

/** A 1x1 transparent GIF, 43 bytes. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

// Built once: every open of every email answers with exactly these.
export const PIXEL_HEADERS = {
  'cache-control': 'no-store, max-age=0',
  pragma: 'no-cache',
  expires: '0',
  'content-type': 'image/gif',
} as const;

export function sendPixel(reply: FastifyReply): FastifyReply {
  return reply.code(200).headers(PIXEL_HEADERS).send(PIXEL_GIF);
}

const BROKEN_LINK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken link</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem">
<h1>This link is broken</h1>
<p>The link you followed is incomplete or was altered, so it cannot take you anywhere.
Ask the sender for the address directly.</p>
</body></html>
`;

export function brokenLink(reply: FastifyReply): FastifyReply {
  return reply
    .code(400)
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "default-src 'none'")
    .type('text/html; charset=utf-8')
    .send(BROKEN_LINK_PAGE);
}

const LINK_NOT_AVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Link not available</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>This link is not available</h1>
<p>The document link you followed does not exist, has expired or was turned off by its sender.
Ask the sender for a new link.</p></body></html>
`;

// The reader's browser reloads it by itself until the document is ready.
const PREPARING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preparing the document</title>
<meta http-equiv="refresh" content="5">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>The document is being prepared</h1>
<p>It was sent moments ago and is still being made ready to read. This page opens it by itself
in a few seconds.</p></body></html>
`;

/** A link to a Word or PowerPoint document whose conversion is still running. */
export function documentPreparing(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .headers({ ...VIEWER_PAGE_HEADERS, 'Content-Security-Policy': "default-src 'none'", 'Retry-After': '5' })
    .send(PREPARING_PAGE);
}

/** Unknown, revoked, expired and malformed document links all get this page. */
export function linkNotAvailable(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .headers({ ...VIEWER_PAGE_HEADERS, 'Content-Security-Policy': "default-src 'none'" })
    .send(LINK_NOT_AVAILABLE_PAGE);
}
