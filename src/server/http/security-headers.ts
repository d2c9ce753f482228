// CORS for the extension (chrome-extension:// origins) and the server's own public origin, and
// the cheap hardening headers on every response.
import type { FastifyInstance } from 'fastify';

/** On every response: no MIME sniffing, no Referer leaking a tracked URL onwards. */
export const HARDENING_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

const ALLOWED_HEADERS = 'authorization, content-type, x-glint-device';
const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';

export function isAllowedOrigin(origin: string, publicUrl: string): boolean {
  if (/^chrome-extension:\/\/[a-p]{32}$/.test(origin)) return true;
  try {
    return new URL(publicUrl).origin === origin;
  } catch {
    return false;
  }
}

export function installSecurityHeaders(app: FastifyInstance, publicUrl: () => string): void {
  // A callback hook, not an async one: it runs on every tracking hit and never waits for anything.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(HARDENING_HEADERS);
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !isAllowedOrigin(origin, publicUrl())) {
      done();
      return;
    }
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    if (request.method !== 'OPTIONS') {
      done();
      return;
    }
    reply.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
    reply.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    reply.header('Access-Control-Max-Age', '600');
    // Answered here: the hook chain stops once the reply is sent.
    reply.code(204).send();
  });
}
