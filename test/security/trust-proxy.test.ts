// X-Forwarded-For behind reverse proxies: the client is the address the trusted proxies saw, never
// what the client wrote at the left of the header (it could pick its own address, escape sign-in
// throttling or pose as Gmail's image proxy). Both ways into the pixel and Fastify's routes agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startServer, type TestServer } from '../support/start-server.ts';
import { BROWSER_UA } from '../integration/server/helpers.ts';

/** The recorded client address of one open, by the fast path (plain load) or the Fastify route (Origin). */
async function recordedIp(server: TestServer, forwardedFor: string, viaRoute: boolean): Promise<string | null | undefined> {
  const token = mintEmailToken();
  const headers: Record<string, string> = { 'user-agent': BROWSER_UA, 'x-forwarded-for': forwardedFor };
  if (viaRoute) headers.origin = 'https://page.example';
  await fetch(`${server.baseUrl}/t/o/${token}.gif`, { headers });
  return (await server.context.store.listOrphanEvents(token))[0]?.ip;
}

describe.each([
  ['TRUST_PROXY=true (one proxy hop)', 'true', '66.249.84.1, 198.51.100.7', '198.51.100.7'],
  ['a hop count of 2', '2', '66.249.84.1, 198.51.100.7, 10.0.0.1', '198.51.100.7'],
  ['a list of proxy addresses', 'loopback, 10.0.0.0/8', '66.249.84.1, 198.51.100.7, 10.0.0.1', '198.51.100.7'],
])('behind proxies with %s', (_name, trustProxy, forwardedFor, client) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRUST_PROXY: trustProxy } });
  });
  afterAll(() => server.close());

  it('records the address the last trusted proxy saw, not what the client prepended', async () => {
    expect(await recordedIp(server, forwardedFor, false)).toBe(client);
    expect(await recordedIp(server, forwardedFor, true)).toBe(client);
  });
});

describe('without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('ignores X-Forwarded-For', async () => {
    expect(await recordedIp(server, '198.51.100.7', false)).toBe('127.0.0.1');
    expect(await recordedIp(server, '198.51.100.7', true)).toBe('127.0.0.1');
  });
});

describe('TRUST_PROXY', () => {
  it('refuses what is neither an address, a CIDR nor a hop count, with a sentence', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY: "proxy.internal" is not a proxy address/);
    expect(() => loadConfig({ TRUST_PROXY: '0' })).toThrow(/number of proxies \(1-10\)/);
  });
});
