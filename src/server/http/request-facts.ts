// What a tracking hit tells about its requester: user agent and the Glint device header. Takes
// anything with headers: a Fastify request, or node's own on the pixel's fast path.
import type { IncomingHttpHeaders } from 'node:http';
import { isId } from '../../shared/ids.ts';

interface WithHeaders {
  headers: IncomingHttpHeaders;
}

export function userAgentOf(request: WithHeaders): string {
  return (request.headers['user-agent'] ?? '').slice(0, 1024);
}

/** The X-Glint-Device header when it is a well-formed device id; anything else is ignored. */
export function deviceIdOf(request: WithHeaders): string | undefined {
  const value = request.headers['x-glint-device'];
  return typeof value === 'string' && isId('device', value) ? value : undefined;
}
