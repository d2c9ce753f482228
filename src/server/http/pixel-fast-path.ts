// The open pixel answered straight from node:http, before Fastify routes the request. Opens are
// by far the most frequent request, and Fastify's routing, request and reply objects and hooks
// cost more than recording the open itself (bench:ingest). Only plain image loads are taken: GET
// or HEAD of /t/o/..., no Origin header (browsers send none for an <img>), nothing
// percent-encoded. Everything else goes on to the Fastify route (pixel-routes.ts), which records
// the same way and answers the same bytes and headers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import { PIXEL_PATH_PREFIX } from '../../shared/tracking-urls.ts';
import type { ServerContext } from '../context.ts';
import { applyHttpLimits, TIMEOUT_CHECK_INTERVAL_MS, type HttpLimits } from './connection-limits.ts';
import { recordOpen } from './pixel-open.ts';
import { HARDENING_HEADERS } from './security-headers.ts';
import { PIXEL_GIF, PIXEL_HEADERS } from './tracking-responses.ts';
import { clientAddressReader, type TrustProxy } from './trust-proxy.ts';

/** Answers the request and returns true, or returns false and leaves it to Fastify. */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

const FAST_PIXEL_HEADERS = {
  ...PIXEL_HEADERS,
  ...HARDENING_HEADERS,
  'content-length': String(PIXEL_GIF.length),
};

function answerPixel(response: ServerResponse): void {
  response.writeHead(200, FAST_PIXEL_HEADERS);
  response.end(PIXEL_GIF);
}

export function pixelFastPath(context: ServerContext, trustProxy: TrustProxy): FastPath {
  // The same address Fastify's request.ip gives, with the same trust.
  const ipOf = clientAddressReader(trustProxy);
  return (request, response) => {
    const { url, method } = request;
    if (url === undefined || !url.startsWith(PIXEL_PATH_PREFIX) || request.headers.origin !== undefined) return false;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const queryAt = url.indexOf('?');
    const pixelName = url.slice(PIXEL_PATH_PREFIX.length, queryAt === -1 ? undefined : queryAt);
    if (pixelName.includes('%')) return false;
    // A HEAD is a checker probing the URL (mail clients load images with GET): nothing recorded.
    if (method === 'HEAD') answerPixel(response);
    else void recordOpen(context, { pixelName, ip: ipOf(request), headers: request.headers }).then(() => answerPixel(response));
    return true;
  };
}

/**
 * Fastify's serverFactory: node's HTTP server with the fast path in front of Fastify's handler,
 * and the configured timeouts and connection cap. `fastPath` is read per request: it needs the
 * app's context, which exists only once Fastify has called this.
 */
export function serverWithFastPath(fastPath: () => FastPath | null, limits: HttpLimits): FastifyServerFactory<Server> {
  return (handler) => {
    const server = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS }, (request, response) => {
      let answered: boolean;
      try {
        answered = fastPath()?.(request, response) ?? false;
      } catch {
        // Never a crash for what a stranger sends: unanswered, the request goes on to Fastify.
        answered = response.headersSent;
      }
      if (!answered) handler(request, response);
    });
    applyHttpLimits(server, limits);
    return server;
  };
}
