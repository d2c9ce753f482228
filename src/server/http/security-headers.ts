// CORS for the extension (chrome-extension:// origins) and the server's own public origin, and
// the cheap hardening headers on every response.
import type { FastifyInstance } from 'fastify';

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
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
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
