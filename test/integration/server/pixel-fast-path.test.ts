// The open pixel has two ways in: plain image loads are answered before Fastify routes them
// (pixel-fast-path.ts), anything else by the Fastify route. A recipient must not be able to tell
// them apart, and both must record the same open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { RouteModule } from '../../../src/server/http/app-types.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { BROWSER_UA, readFeed, registerEmail } from './helpers.ts';

// Set per connection or per response by node itself, not by either path.
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive']);

function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => !PER_RESPONSE.has(name)));
}

async function pixel(server: TestServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { ...init, headers: { 'user-agent': BROWSER_UA, ...init.headers } });
}

describe('open pixel, fast path and Fastify route', () => {
  let server: TestServer;
  let alice: TestUser;

  // Pixel requests that reached Fastify (the fast path answers before any hook runs).
  let routedByFastify = 0;
  const countPixelRequests: RouteModule = (app) => {
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.url.startsWith('/t/o/')) routedByFastify += 1;
      done();
    });
  };

  beforeAll(async () => {
    server = await startServer({ extraRoutes: [countPixelRequests] });
    alice = await server.addUser();
  });
  afterAll(() => server.close());

  it('takes plain image loads before Fastify and leaves the rest to it', async () => {
    const token = mintEmailToken();
    const before = routedByFastify;
    await pixel(server, `/t/o/${token}.gif`);
    await pixel(server, `/t/o/${token}.gif`, { method: 'HEAD' });
    expect(routedByFastify).toBe(before);
    await pixel(server, `/t/o/${token}.gif`, { headers: { origin: 'https://page.example' } });
    await pixel(server, `/t/o/${token}%2Egif`);
    await pixel(server, `/t/o/${token}.gif`, { method: 'OPTIONS' });
    expect(routedByFastify).toBe(before + 3);
  });

  it('answers the same bytes and headers either way, and records the open either way', async () => {
    const { token } = await registerEmail(server, alice);
    // No Origin: the fast path. An Origin (any page's fetch) or an encoded name: Fastify.
    const plain = await pixel(server, `/t/o/${token}.gif`);
    const withOrigin = await pixel(server, `/t/o/${token}.gif`, { headers: { origin: 'https://page.example' } });
    const encoded = await pixel(server, `/t/o/${token}%2Egif`);
    // The server keeps Fastify's keep-alive timeout (72 s) though the fast path made it.
    expect(plain.headers.get('keep-alive')).toBe('timeout=72');
    for (const response of [plain, withOrigin, encoded]) {
      expect(headersOf(response)).toEqual({
        'cache-control': 'no-store, max-age=0',
        pragma: 'no-cache',
        expires: '0',
        'content-type': 'image/gif',
        'content-length': '43',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      expect(Buffer.from(await response.arrayBuffer()).toString('base64')).toBe(
        'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
      );
    }
    const opens = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(opens.map((event) => [event.kind, event.label])).toEqual([
      ['open', 'human'],
      ['open', 'human'],
      ['open', 'human'],
    ]);
  });

  it('answers a HEAD with the image headers and records nothing', async () => {
    const token = mintEmailToken();
    const response = await pixel(server, `/t/o/${token}.gif`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('content-length')).toBe('43');
    expect(await server.context.store.listOrphanEvents(token)).toEqual([]);
  });

  it('reads the query string off and still answers mangled names', async () => {
    const token = mintEmailToken();
    expect((await pixel(server, `/t/o/${token}.gif?utm_source=mail`)).status).toBe(200);
    expect((await pixel(server, '/t/o/a/b/c')).headers.get('content-type')).toBe('image/gif');
    const [open] = await server.context.store.listOrphanEvents(token);
    expect(open).toMatchObject({ kind: 'open', emailToken: token, userAgent: BROWSER_UA });
  });
});

describe('open pixel behind proxies (TRUST_PROXY=loopback, 10.0.0.0/8)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { TRUST_PROXY: 'loopback, 10.0.0.0/8' } });
  });
  afterAll(() => server.close());

  it("records the client's address from X-Forwarded-For, as Fastify's request.ip does", async () => {
    const token = mintEmailToken();
    await pixel(server, `/t/o/${token}.gif`, { headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' } });
    const viaRoute = mintEmailToken();
    await pixel(server, `/t/o/${viaRoute}.gif`, {
      headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1', origin: 'https://page.example' },
    });
    expect((await server.context.store.listOrphanEvents(token))[0]?.ip).toBe('203.0.113.9');
    expect((await server.context.store.listOrphanEvents(viaRoute))[0]?.ip).toBe('203.0.113.9');
  });
});
