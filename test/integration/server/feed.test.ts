// The live feed: long-poll wake-up, history pages, tenant isolation, machine filter, shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../../src/shared/api-schemas.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { cursorSeq, json, openPixel, readFeed, registerEmail } from './helpers.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser();
  bob = await server.addUser();
});
afterAll(() => server.close());

describe('long-poll', () => {
  it('returns as soon as the open lands, not after `wait`', async () => {
    const { token } = await registerEmail(server, alice);
    const { cursor } = await readFeed(server, alice);
    const started = Date.now();
    const poll = readFeed(server, alice, `?cursor=${cursor}&wait=20`);
    // The hit is fetched only once the poll is parked on the server.
    while (server.context.hub.waiterCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    await openPixel(server, token);
    const feed = await poll;
    const elapsed = Date.now() - started;
    expect(feed.events).toEqual([expect.objectContaining({ kind: 'open', email: expect.objectContaining({ token }) })]);
    // Well before `wait` (20 s) ran out: the event ended the poll, not the timeout.
    expect(elapsed).toBeLessThan(10_000);
    expect(cursorSeq(server, alice, feed.cursor)).toBe(cursorSeq(server, alice, feed.events[0]?.cursor));
  });

  it('answers an empty page with the same cursor when nothing happens within `wait`', async () => {
    const { cursor } = await readFeed(server, alice);
    const started = Date.now();
    const feed = await readFeed(server, alice, `?cursor=${cursor}&wait=0.3`);
    expect(feed.events).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(cursorSeq(server, alice, feed.cursor)).toBeGreaterThanOrEqual(cursorSeq(server, alice, cursor) ?? Infinity);
  });

  it("is not woken into a page by another user's events", async () => {
    const { token } = await registerEmail(server, bob);
    const { cursor } = await readFeed(server, alice);
    const poll = readFeed(server, alice, `?cursor=${cursor}&wait=0.5`);
    while (server.context.hub.waiterCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    await openPixel(server, token);
    expect((await poll).events).toEqual([]);
  });
});

describe('pages and isolation', () => {
  it('pages back through history with `before`, newest first, without gaps', async () => {
    const carol = await server.addUser();
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { token } = await registerEmail(server, carol, { subject: `Mail ${i}` });
      tokens.push(token);
      await openPixel(server, token);
    }
    const newest = await readFeed(server, carol, '?limit=2');
    expect(newest.events.map((event) => event.email.subject)).toEqual(['Mail 4', 'Mail 3']);
    expect(newest.hasMore).toBe(true);
    const seen = [...newest.events];
    let page: FeedResponse = newest;
    while (page.hasMore) {
      page = await readFeed(server, carol, `?limit=2&before=${page.events.at(-1)?.cursor}`);
      seen.push(...page.events);
    }
    expect(seen.map((event) => event.email.subject)).toEqual(['Mail 4', 'Mail 3', 'Mail 2', 'Mail 1', 'Mail 0']);
    const forward = await readFeed(server, carol, '?cursor=0&limit=500');
    expect(forward.events.map((event) => event.email.subject)).toEqual(['Mail 0', 'Mail 1', 'Mail 2', 'Mail 3', 'Mail 4']);
  });

  it("never shows one user's emails or events to another", async () => {
    const { token } = await registerEmail(server, alice, { subject: 'Alice only' });
    await openPixel(server, token);
    const bobs = await readFeed(server, bob, '?cursor=0&limit=500');
    expect(JSON.stringify(bobs)).not.toContain(token);
    expect(JSON.stringify(bobs)).not.toContain('Alice only');
  });

  it('leaves machine events out with includeMachine=false', async () => {
    const { token } = await registerEmail(server, alice);
    await fetch(`${server.baseUrl}/t/o/${token}.gif`, { headers: { 'user-agent': 'curl/8.4.0' } });
    const all = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(all).toEqual([expect.objectContaining({ label: 'machine' })]);
    const humansOnly = (await readFeed(server, alice, '?includeMachine=false')).events.filter((event) => event.email.token === token);
    expect(humansOnly).toEqual([]);
  });
});

describe('durability', () => {
  it('keeps every acknowledged event across a restart on the same data directory', async () => {
    const first = await startServer({ keepDataDir: true });
    const dave = await first.addUser('dave@example.com', { password: 'pw' });
    const { token } = await registerEmail(first, dave);
    await Promise.all(Array.from({ length: 20 }, () => openPixel(first, token)));
    await first.close();

    const again = await startServer({ dataDir: first.dataDir });
    try {
      const signIn = await fetch(`${again.baseUrl}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dave@example.com', password: 'pw' }),
      });
      const { apiToken, signingKey } = await json<{ apiToken: string; signingKey: unknown }>(signIn);
      expect(signingKey).toEqual(dave.signingKey);
      const feed = await readFeed(again, { ...dave, headers: { authorization: `Bearer ${apiToken}` } }, '?limit=500');
      expect(feed.events.filter((event) => event.email.token === token)).toHaveLength(20);
    } finally {
      await again.close();
      const { rmSync } = await import('node:fs');
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('releases waiting long-polls when the server stops', async () => {
    const other = await startServer();
    const erin = await other.addUser();
    const { cursor } = await readFeed(other, erin);
    const poll = readFeed(other, erin, `?cursor=${cursor}&wait=30`);
    while (other.context.hub.waiterCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await other.close();
    expect((await poll).events).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('cursor robustness', () => {
  it('brings a cursor from beyond the head back to the head', async () => {
    const feed = await readFeed(server, alice, '?cursor=999999999999999999999999999');
    expect(feed.events).toEqual([]);
    expect(cursorSeq(server, alice, feed.cursor)).toBe(cursorSeq(server, alice, (await readFeed(server, alice)).cursor));
  });
});
