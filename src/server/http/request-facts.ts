// What a tracking hit tells about its requester: IP, user agent and the Glint device header.
import type { FastifyRequest } from 'fastify';
import { isId } from '../../shared/ids.ts';

export function userAgentOf(request: FastifyRequest): string {
  return (request.headers['user-agent'] ?? '').slice(0, 1024);
}

/** The X-Glint-Device header when it is a well-formed device id; anything else is ignored. */
export function deviceIdOf(request: FastifyRequest): string | undefined {
  const value = request.headers['x-glint-device'];
  return typeof value === 'string' && isId('device', value) ? value : undefined;
}
