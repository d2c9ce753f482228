// Held clicks through the service worker's real parts outside Chrome: FeedSync and heldDecisions
// against the REAL server (short hold; client addresses in X-Forwarded-For), Dexie on
// fake-indexeddb, real timers. A person's click is told once, after its window; a sweep's clicks
// never; a decision that cannot read the feed waits for the next read that can.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { authStorage } from '../../src/extension/data/auth-state.ts';
import { FeedDb } from '../../src/extension/data/feed-db.ts';
import { countUnread } from '../../src/extension/data/feed-writes.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import { signIn, type AuthDeps } from '../../src/extension/background/auth.ts';
import { FeedSync } from '../../src/extension/background/feed-sync.ts';
import { heldDecisions } from '../../src/extension/background/held-decisions.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

const PASSWORD = 'correct horse battery staple';
const HOLD_MS = 800;
const LINKS = ['https://acme.example/pricing', 'https://acme.example/case-study', 'https://acme.example/demo'];

let server: TestServer;
let rep: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' }, linkSweepHoldMs: HOLD_MS });
  rep = await server.addUser('held-rep@glint.example', { password: PASSWORD });
});
afterAll(() => server.close());

async function emailWithLinks(subject: string): Promise<string> {
  const token = mintEmailToken(rep.signingKey);
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({
      token,
      subject,
      sentAt: new Date(Date.now() - 3_600_000).toISOString(),
      links: LINKS.map((url, index) => ({ index, url })),
    }),
  });
  expect(response.status).toBe(201);
  return token;
}

async function click(token: string, index: number, ip: string): Promise<void> {
  const url = clickUrl(server.baseUrl, rep.signingKey, token, index, LINKS[index] ?? '');
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': UA.chromeWindows, 'x-forwarded-for': ip } });
  expect(response.status).toBe(302);
}

async function worker(name: string) {
  const storage = authStorage(memoryArea());
  const db = new FeedDb(name);
  const deps: AuthDeps = {
    storage,
    db,
    fetch: globalThis.fetch,
    defaultDeviceName: async () => 'Chrome on Linux',
    hasHostPermission: async () => true,
    now: () => new Date(),
  };
  const told: string[] = [];
  const alarms: (number | null)[] = [];
  const sync: FeedSync = new FeedSync({
    db,
    storage,
    fetch: globalThis.fetch,
    now: deps.now,
    onAdded: async () => held.schedule(),
    onSynced: (startedAt) => held.decide(startedAt),
    onRejected: async () => undefined,
  });
  const held = heldDecisions({
    db,
    readFeedNow: () => sync.retryNow(),
    tell: async (events) => void told.push(...events.map((event) => event.id)),
    refreshBadge: async () => undefined,
    now: deps.now,
    setAlarm: async (when) => void alarms.push(when),
  });
  await signIn(deps, { serverUrl: server.baseUrl, email: 'held-rep@glint.example', password: PASSWORD });
  expect(await sync.syncOnce(0)).toBe('ok');
  return { db, storage, sync, held, told, alarms };
}

describe('held clicks in the worker', () => {
  it('tells a person’s click once after its window and a sweep’s never', async () => {
    const w = await worker('held-sync-1');
    const sweep = await emailWithLinks('Scanned');
    const person = await emailWithLinks('Read');
    await click(sweep, 0, IP.sweepA);
    await click(sweep, 1, IP.sweepB);
    await click(person, 2, IP.home);
    await w.sync.syncOnce(0);
    // All three are held so far: nothing told, nothing on the badge.
    expect((await w.db.events.toArray()).filter((event) => event.decideAt !== undefined)).toHaveLength(3);
    expect(await countUnread(w.db)).toBe(0);
    expect(w.alarms.at(-1)).toBeGreaterThan(Date.now());

    await click(sweep, 2, IP.sweepC); // completes the sweep: the first two become machine
    await w.sync.syncOnce(0);
    const personId = (await w.db.events.where('emailToken').equals(person).first())?.id;
    await vi.waitFor(() => expect(w.told).toEqual([personId]), { timeout: HOLD_MS + 10_000, interval: 50 });
    expect(await countUnread(w.db)).toBe(1);
    expect(await w.db.events.where('decideAt').above('').count()).toBe(0);
    expect(w.alarms.at(-1)).toBeNull();
    await w.db.delete();
  });

  it('leaves a hold it cannot decide (server unreachable) to the next read that succeeds', async () => {
    const w = await worker('held-sync-2');
    const token = await emailWithLinks('Offline meanwhile');
    await click(token, 0, IP.home);
    await w.sync.syncOnce(0);
    const auth = await w.storage.auth.read();
    if (!auth) throw new Error('not signed in');
    await w.storage.auth.write({ ...auth, serverUrl: 'http://127.0.0.1:9' }); // nothing listens
    const [held] = await w.db.events.where('emailToken').equals(token).toArray();
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(Date.parse(held?.decideAt ?? '')), { timeout: HOLD_MS + 5000 });
    expect(await w.sync.retryNow()).toBe('offline');
    expect(w.told).toEqual([]);
    await w.storage.auth.write(auth);
    expect(await w.sync.syncOnce(0)).toBe('ok');
    expect(w.told).toEqual([held?.id]);
    await w.db.delete();
  });
});
