// What tracking URLs answer besides redirects: the pixel image, and the recipient pages (a broken
// click link, a document link that is not available or not ready yet) in the reader's language.
// Shared by the routes and by the framework error handler (a mangled tracking URL still gets them).
import type { FastifyReply } from 'fastify';
import { VIEWER_PAGE_HEADERS } from '../docs/viewer-page.ts';
import { PREPARING_RETRY_SECONDS, readerLanguage, RECIPIENT_PAGE_CSP, recipientPage, type ReaderLanguage } from './recipient-pages.ts';

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

/** Headers of the recipient pages: never cached, nothing runs, per language. */
function pageHeaders(reply: FastifyReply, language: ReaderLanguage): FastifyReply {
  return reply.headers({ 'Content-Security-Policy': RECIPIENT_PAGE_CSP, 'Content-Language': language, Vary: 'Accept-Language' });
}

/** An unsigned, altered or mangled click link: no redirect, a page saying so. */
export function brokenLink(reply: FastifyReply, acceptLanguage: string | undefined): FastifyReply {
  const language = readerLanguage(acceptLanguage);
  return pageHeaders(reply.code(400).header('Cache-Control', 'no-store'), language)
    .type('text/html; charset=utf-8')
    .send(recipientPage('brokenLink', language));
}

/** A link to a Word or PowerPoint document whose conversion is still running: reloads itself. */
export function documentPreparing(reply: FastifyReply, acceptLanguage: string | undefined): FastifyReply {
  const language = readerLanguage(acceptLanguage);
  return pageHeaders(reply.code(503).headers(VIEWER_PAGE_HEADERS).header('Retry-After', String(PREPARING_RETRY_SECONDS)), language).send(
    recipientPage('preparing', language, PREPARING_RETRY_SECONDS),
  );
}

/** Unknown, revoked, expired and malformed document links all get this page. */
export function linkNotAvailable(reply: FastifyReply, acceptLanguage: string | undefined): FastifyReply {
  const language = readerLanguage(acceptLanguage);
  return pageHeaders(reply.code(404).headers(VIEWER_PAGE_HEADERS), language).send(recipientPage('linkNotAvailable', language));
}

/** A team-mate's link to a document its owner made private again: 410, the link will not return. */
export function documentWithdrawn(reply: FastifyReply, acceptLanguage: string | undefined): FastifyReply {
  const language = readerLanguage(acceptLanguage);
  return pageHeaders(reply.code(410).headers(VIEWER_PAGE_HEADERS), language).send(recipientPage('documentWithdrawn', language));
}
