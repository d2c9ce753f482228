// Hits of tokens nobody has registered: a client can invent tokens without end, so what is kept
// of them is bounded (per token, in total, per address) and expires after the registration
// window. The answers never change: the pixel is always a GIF, a valid link always redirects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { openPixel, registerEmail } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;
let address = 0;
/** A new client address each call (TRUST_PROXY takes the proxy's X-Forwarded-For). */
const nextAddress = (): string => `198.51.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

beforeAll(async () => {
  server = await startServer({
    env: { TRUST_PROXY: 'loopback', ORPHAN_HITS_PER_TOKEN: '5', ORPHAN_HITS_TOTAL: '40', ORPHAN_HITS_PER_ADDRESS_PER_MINUTE: '3' },
  });
  alice = await server.addUser('alice@acme.example');
});
afterAll(() => server.close());

async function pixel(token: string, from = nextAddress()): Promise<void> {
  const response = await openPixel(server, token, { 'x-forwarded-for': from });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/gif');
  await response.arrayBuffer();
}

async function stored(token?: string): Promise<number> {
  await server.context.store.flush();
  return server.context.store.countOrphanHits(token);
}

describe('hits of unregistered tokens', () => {
  it('keeps at most ORPHAN_HITS_PER_TOKEN of a token, then attaches them on registration', async () => {
    const token = mintEmailToken(alice.signingKey);
    for (let n = 0; n < 9; n++) await pixel(token);
    expect(await stored(token)).toBe(5);
    // A valid link of the token still redirects though nothing more is stored.
    const link = clickUrl(server.baseUrl, alice.signingKey, token, 0, 'https://example.org/pricing');
    const click = await fetch(link, { redirect: 'manual', headers: { 'x-forwarded-for': nextAddress() } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://example.org/pricing');
    expect(await stored(token)).toBe(5);
    const { response } = await registerEmail(server, alice, { token });
    expect(response.status).toBe(201);
    expect(await stored(token)).toBe(0);
  });

  it('stores ORPHAN_HITS_PER_ADDRESS_PER_MINUTE from one address, however many tokens it invents', async () => {
    const from = nextAddress();
    const tokens = Array.from({ length: 8 }, () => mintEmailToken());
    for (const token of tokens) await pixel(token, from);
    const counts = await Promise.all(tokens.map((token) => stored(token)));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it('stores at most ORPHAN_HITS_TOTAL in all, and deletes them after the registration window', async () => {
    for (let n = 0; n < 60; n++) await pixel(mintEmailToken());
    expect(await stored()).toBe(40);
    // The window has not passed: nothing goes.
    expect(await server.context.orphans.expire(Date.now())).toBe(0);
    const eightDaysOn = Date.now() + 8 * 86_400_000;
    expect(await server.context.orphans.expire(eightDaysOn)).toBe(40);
    expect(await stored()).toBe(0);
    // Room again once expired.
    const token = mintEmailToken();
    await pixel(token);
    expect(await stored(token)).toBe(1);
  });
});
