// Truth on later evidence, over HTTP: a link sweep recognised at its last click relabels the
// earlier clicks machine, and a self-view beacon arriving just after Gmail's proxy fetch relabels
// that open self. Both re-deliver the events on the cursor-based feed with their final labels.
// Client addresses are set with X-Forwarded-For (the server runs with TRUST_PROXY=true).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { mintId } from '../../../src/shared/ids.ts';
import { clickUrl } from '../../../src/shared/tracking-urls.ts';
import { DATABASE_FILE_NAME } from '../../../src/server/store/sqlite/database.ts';
import { IP, UA } from '../../fixtures/hits/real-world.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { BROWSER_UA, cursorSeq, openPixel, readFeed, registerEmail } from './helpers.ts';

const HOUR_AGO = (): string => new Date(Date.now() - 3_600_000).toISOString();
const LINKS = ['https://acme.example/pricing', 'https://acme.example/case-study', 'https://acme.example/demo'];

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  alice = await server.addUser();
  bob = await server.addUser();
});
afterAll(() => server.close());

async function click(token: string, index: number, ip: string): Promise<void> {
  const url = clickUrl(server.baseUrl, alice.signingKey, token, index, LINKS[index] ?? '');
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, 'x-forwarded-for': ip } });
  expect(response.status).toBe(302);
}

/** The last delivery of each event id, in delivery order: what a client upserting by id holds. */
function finalById(events: readonly FeedEvent[]): Map<string, FeedEvent> {
  return new Map(events.map((event) => [event.id, event]));
}

function storedLabel(eventId: string): { label: string; reason: string } | undefined {
  const db = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT label, reason FROM events WHERE id = ?').get(eventId) as { label: string; reason: string } | undefined;
  } finally {
    db.close();
  }
}

describe('a link sweep recognised at its last click', () => {
  it('relabels the earlier clicks of the sweep machine and re-delivers them', async () => {
    const links = LINKS.map((url, index) => ({ index, url }));
    const { token } = await registerEmail(server, alice, { links, sentAt: HOUR_AGO() });
    const start = await readFeed(server, alice);

    // One scanner host pool (same /24) clicks every link within a second or two; a reader
    // elsewhere clicks the first link meanwhile.
    await click(token, 0, IP.sweepA);
    await click(token, 0, IP.home);
    await click(token, 1, IP.sweepB);
    const early = await readFeed(server, alice, `?cursor=${start.cursor}`);
    expect(early.events.map((event) => [event.linkIndex, event.label])).toEqual([
      [0, 'human'],
      [0, 'human'],
      [1, 'human'],
    ]);

    // The last click completes the set; a long-poll behind the cursor is woken with everything.
    const waiting = readFeed(server, alice, `?cursor=${early.cursor}&wait=10`);
    await click(token, 2, IP.sweepC);
    const woken = await waiting;
    // (A read racing the commit may see the last click a moment before the relabels.)
    const late = [...woken.events, ...(await readFeed(server, alice, `?cursor=${woken.cursor}`)).events];
    const sweepIds = [early.events[0]?.id, early.events[2]?.id];
    expect(late.map((event) => [sweepIds.includes(event.id) ? 'earlier' : 'last', event.label, event.reason])).toEqual([
      ['last', 'machine', 'link-scanner-all-links'],
      ['earlier', 'machine', 'link-scanner-all-links'],
      ['earlier', 'machine', 'link-scanner-all-links'],
    ]);

    // A client that followed the cursor holds each click once, with its final label.
    const held = [...finalById([...early.events, ...late]).values()];
    const byNetwork = held.map((event) => [event.linkIndex, event.label, event.reason]);
    expect(byNetwork.sort()).toEqual([
      [0, 'human', 'no-machine-signal'],
      [0, 'machine', 'link-scanner-all-links'],
      [1, 'machine', 'link-scanner-all-links'],
      [2, 'machine', 'link-scanner-all-links'],
    ]);

    // A client leaving machine events out got the sweep's first clicks as human: they come once
    // more, labelled machine, so it drops them; what it keeps is the reader's click alone.
    const relabelled = await readFeed(server, alice, `?cursor=${early.cursor}&includeMachine=false`);
    expect(relabelled.events.map((event) => [event.id, event.label]).sort()).toEqual(sweepIds.map((id) => [id, 'machine']).sort());
    const fromStart = await readFeed(server, alice, `?cursor=${start.cursor}&includeMachine=false`);
    const kept = [...finalById(fromStart.events).values()].filter((event) => event.label !== 'machine');
    expect(kept.map((event) => [event.linkIndex, event.label])).toEqual([[0, 'human']]);
    expect((await readFeed(server, alice, `?cursor=${relabelled.cursor}&includeMachine=false`)).events).toEqual([]);
  });
});

describe('a self-view beacon just after the Gmail-proxy fetch', () => {
  async function gmailProxyOpen(token: string): Promise<void> {
    const response = await openPixel(server, token, { 'user-agent': UA.gmailProxy, 'x-forwarded-for': IP.gmailProxy });
    expect(response.status).toBe(200);
  }

  async function selfView(user: TestUser, token: string, deviceId: string, status = 200): Promise<void> {
    const response = await fetch(`${server.baseUrl}/api/v1/self-views`, {
      method: 'POST',
      headers: { ...user.headers, 'x-glint-device': deviceId },
      body: JSON.stringify({ token }),
    });
    expect(response.status).toBe(status);
  }

  it('relabels the open self: gone from the feed, retracted once on the cursor, stored as self', async () => {
    const deviceId = mintId('device');
    await fetch(`${server.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ deviceId, name: 'Laptop' }),
    });
    const { token } = await registerEmail(server, alice, { sentAt: HOUR_AGO() });
    const start = await readFeed(server, alice);

    await gmailProxyOpen(token);
    const before = await readFeed(server, alice, `?cursor=${start.cursor}`);
    expect(before.events).toEqual([expect.objectContaining({ kind: 'open', label: 'human' })]);
    const openId = before.events[0]?.id ?? '';

    const waiting = readFeed(server, alice, `?cursor=${before.cursor}&wait=10`);
    await selfView(alice, token, deviceId);
    // The one delivery a client following the cursor gets: the same id, now self (it drops it).
    const retraction = await waiting;
    expect(retraction.events).toEqual([expect.objectContaining({ id: openId, label: 'self', reason: 'sender-self-view' })]);
    expect(cursorSeq(server, alice, retraction.events[0]?.cursor)).toBeGreaterThan(cursorSeq(server, alice, before.cursor) ?? Infinity);
    expect((await readFeed(server, alice, `?cursor=${retraction.cursor}`)).events).toEqual([]);

    // Self never shows: not in history, not to a client starting now, not among machine events.
    const history = await readFeed(server, alice);
    expect(history.events.filter((event) => event.email.token === token)).toEqual([]);
    expect(storedLabel(openId)).toEqual({ label: 'self', reason: 'sender-self-view' });
  });

  it("refuses another user's beacon on the token and changes nothing", async () => {
    const { token } = await registerEmail(server, alice, { sentAt: HOUR_AGO() });
    await gmailProxyOpen(token);
    await selfView(bob, token, mintId('device'), 403);
    const events = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(events.map((event) => event.label)).toEqual(['human']);
  });
});
