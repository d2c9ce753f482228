// The service worker's sign-in, device and feed-sync logic against the REAL server (HTTP on
// 127.0.0.1, SQLite), with its storage in memory and its Dexie database on fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { authStorage, type AuthStorage } from '../../src/extension/data/auth-state.ts';
import { FeedDb, type StoredFeedEvent } from '../../src/extension/data/feed-db.ts';
import { readSyncState } from '../../src/extension/data/sync-state.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import { authStatus, listDevices, renameDevice, signIn, signOut, type AuthDeps } from '../../src/extension/background/auth.ts';
import { FeedSync } from '../../src/extension/background/feed-sync.ts';
import { openFeedCursor } from '../../src/server/http/feed-cursor.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { UA } from '../fixtures/hits/real-world.ts';

const BROWSER_UA = UA.chromeWindows;
const PASSWORD = 'correct horse battery staple';

let server: TestServer;
let rep: TestUser;
let dbCount = 0;

beforeAll(async () => {
  server = await startServer();
  rep = await server.addUser('rep@glint.example', { password: PASSWORD });
});
afterAll(async () => {
  await server.close();
});

interface Harness {
  deps: AuthDeps;
  storage: AuthStorage;
  db: FeedDb;
  sync: FeedSync;
  added: { events: StoredFeedEvent[]; backfill: boolean }[];
  rejected: number;
}

function harness(options: { permission?: boolean } = {}): Harness {
  const storage = authStorage(memoryArea());
  const db = new FeedDb(`extension-sync-${dbCount++}`);
  const deps: AuthDeps = {
    storage,
    db,
    fetch: globalThis.fetch,
    defaultDeviceName: async () => 'Chrome on Linux',
    hasHostPermission: async () => options.permission ?? true,
    now: () => new Date(),
  };
  const h: Harness = { deps, storage, db, added: [], rejected: 0, sync: undefined as unknown as FeedSync };
  h.sync = new FeedSync({
    db,
    storage,
    fetch: globalThis.fetch,
    now: deps.now,
    onAdded: async (events, backfill) => void h.added.push({ events, backfill }),
    onRejected: async () => {
      h.rejected += 1;
      await storage.auth.clear();
    },
    delay: async () => undefined,
  });
  return h;
}

async function sendEmail(subject: string): Promise<string> {
  const token = mintEmailToken(rep.signingKey);
  const sentAt = new Date(Date.now() - 60 * 60 * 1000).toISOString(); // an hour ago: past every at-send rule
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({ token, subject, to: ['buyer@acme.example'], sentAt, gmailThreadId: '18f0aa00bb11cc22' }),
  });
  expect(response.status).toBe(201);
  return token;
}

async function openPixel(token: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(`${server.baseUrl}/t/o/${token}.gif`, { headers: { 'user-agent': BROWSER_UA, ...headers } });
  expect(response.status).toBe(200);
}

const signInAs = (h: Harness, password = PASSWORD): ReturnType<typeof signIn> =>
  signIn(h.deps, { serverUrl: `${server.baseUrl}/`, email: 'rep@glint.example', password });

describe('sign-in', () => {
  it('refuses a wrong password with wrong-password and stores nothing', async () => {
    const h = harness();
    await expect(signInAs(h, 'nope')).rejects.toMatchObject({ code: 'wrong-password' });
    expect(await h.storage.auth.read()).toBeNull();
  });

  it('says server-unreachable when nothing listens, permission-denied without the host permission', async () => {
    const h = harness();
    await expect(signIn(h.deps, { serverUrl: 'http://127.0.0.1:9', email: 'a@b.example', password: 'x' })).rejects.toMatchObject({
      code: 'server-unreachable',
    });
    await expect(signInAs(harness({ permission: false }))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(signIn(h.deps, { serverUrl: 'http://glint.example.com', email: 'a@b.example', password: 'x' })).rejects.toMatchObject({
      code: 'insecure-server-url',
    });
  });

  it('stores the session, registers this device under its name and lists it', async () => {
    const h = harness();
    const auth = await signInAs(h);
    expect(auth.serverUrl).toBe(server.baseUrl);
    expect(auth.user.email).toBe('rep@glint.example');
    const status = await authStatus(h.deps);
    expect(status).toMatchObject({ signedIn: true, deviceName: 'Chrome on Linux', syncStatus: 'ok' });

    const devices = await listDevices(h.deps);
    expect(devices.find((device) => device.deviceId === status.deviceId)?.name).toBe('Chrome on Linux');

    await renameDevice(h.deps, 'Work laptop');
    const renamed = await listDevices(h.deps);
    expect(renamed.find((device) => device.deviceId === status.deviceId)?.name).toBe('Work laptop');
  });

  it("takes a device id of its own when another account registered this profile's id first", async () => {
    const h = harness();
    const first = await authStatus(h.deps); // the profile's device id, minted once
    const other = await server.addUser(undefined, { password: 'another password' });
    const taken = await fetch(`${server.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: other.headers,
      body: JSON.stringify({ deviceId: first.deviceId, name: 'Shared PC' }),
    });
    expect(taken.status).toBe(200);

    await signInAs(h);
    const status = await authStatus(h.deps);
    expect(status.deviceId).not.toBe(first.deviceId);
    expect((await listDevices(h.deps)).map((device) => device.deviceId)).toContain(status.deviceId);
  });
});

describe('feed sync', () => {
  let h: Harness;
  beforeEach(async () => {
    h = harness();
    await signInAs(h);
    expect(await h.sync.syncOnce(0)).toBe('ok'); // the first sync: history, no notifications
  });

  it('brings a recipient open into the database, not as backfill', async () => {
    const token = await sendEmail('Quarterly numbers');
    await openPixel(token);
    expect(await h.sync.syncOnce(0)).toBe('ok');
    const last = h.added.at(-1);
    expect(last?.backfill).toBe(false);
    expect(last?.events.map((event) => [event.kind, event.label, event.email.subject])).toEqual([['open', 'human', 'Quarterly numbers']]);
    expect((await h.db.emails.get(token))?.counts.open).toBe(1);
    // Cursors are sealed afresh in every answer: compare the positions they stand for.
    const position = (cursor: string | null | undefined): number | null =>
      cursor ? openFeedCursor(server.context.box, rep.user.id, cursor) : null;
    expect(position((await readSyncState(h.db)).cursor)).toBe(position(last?.events[0]?.cursor));
  });

  it('long-polls: a held request returns as soon as the open happens', async () => {
    const token = await sendEmail('Long poll');
    const started = Date.now();
    const pending = h.sync.syncOnce(20);
    await openPixel(token);
    expect(await pending).toBe('ok');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(h.added.at(-1)?.events[0]?.email.token).toBe(token);
  });

  it("never brings the rep's own view (device header): the next real open arrives alone", async () => {
    const token = await sendEmail('Own view');
    const { deviceId } = await authStatus(h.deps);
    await openPixel(token, { 'x-glint-device': deviceId });
    await openPixel(token);
    await h.sync.syncOnce(0);
    const events = await h.db.events.where('emailToken').equals(token).toArray();
    expect(events.map((event) => event.label)).toEqual(['human']);
  });

  it('ends the session when the server refuses the token', async () => {
    const auth = await h.storage.auth.read();
    if (!auth) throw new Error('not signed in');
    await h.storage.auth.write({ ...auth, apiToken: mintId('apiToken') });
    expect(await h.sync.syncOnce(0)).toBe('signed-out');
    expect(h.rejected).toBe(1);
    expect((await readSyncState(h.db)).status).toBe('signed-out');
  });

  it('Retry pulls at once, even while the long-poll loop waits out its backoff', async () => {
    const auth = await h.storage.auth.read();
    if (!auth) throw new Error('not signed in');
    await h.storage.auth.write({ ...auth, serverUrl: 'http://127.0.0.1:9' }); // nothing listens
    let backingOff: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (backingOff = resolve));
    const sync = new FeedSync({
      db: h.db,
      storage: h.storage,
      fetch: globalThis.fetch,
      now: () => new Date(),
      onAdded: async (events, backfill) => void h.added.push({ events, backfill }),
      onRejected: async () => undefined,
      // A backoff that lasts until the loop is stopped.
      delay: (_seconds, signal) => {
        backingOff();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    });
    sync.startLongPoll();
    await waiting;
    expect((await readSyncState(h.db)).status).toBe('offline');
    // The server is reachable again and something happened: Retry brings it now.
    await h.storage.auth.write(auth);
    const token = await sendEmail('After the outage');
    await openPixel(token);
    expect(await sync.retryNow()).toBe('ok');
    expect(h.added.at(-1)?.events[0]?.email.token).toBe(token);
    expect(sync.isLongPolling).toBe(true);
    sync.stopLongPoll();
  });

  it('sign-out revokes the token, forgets the session and the feed but keeps the device id', async () => {
    const token = await sendEmail('Before sign-out');
    await openPixel(token);
    await h.sync.syncOnce(0);
    const before = await authStatus(h.deps);
    const { apiToken } = (await h.storage.auth.read()) ?? { apiToken: '' };
    await signOut(h.deps);
    const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(me.status).toBe(401); // the token was revoked, not just forgotten
    const after = await authStatus(h.deps);
    expect(after).toMatchObject({ signedIn: false, user: null, deviceId: before.deviceId, serverUrl: server.baseUrl });
    expect(await h.db.events.count()).toBe(0);
    expect(await h.sync.syncOnce(0)).toBe('signed-out');
  });
});
