// Later evidence reaching the extension: the service worker's feed sync against the REAL server
// (TRUST_PROXY, client addresses in X-Forwarded-For) with its Dexie database on fake-indexeddb.
// Events the server relabels (a link sweep seen at its last click, a self-view beacon just after
// Gmail's proxy fetch) come back on the cursor; they must leave the human counts, the unread count
// behind the badge, and the visible feed, without a notification.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { clickUrl, pixelUrl } from '../../src/shared/tracking-urls.ts';
import { authStorage } from '../../src/extension/data/auth-state.ts';
import { FeedDb, type StoredFeedEvent } from '../../src/extension/data/feed-db.ts';
import { countUnread } from '../../src/extension/data/feed-writes.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import { signIn, type AuthDeps } from '../../src/extension/background/auth.ts';
import { FeedSync } from '../../src/extension/background/feed-sync.ts';
import { shouldNotify } from '../../src/extension/background/notifications.ts';
import { DEFAULT_SETTINGS } from '../../src/extension/data/settings.ts';
import { isEventVisible } from '../../src/extension/popup/feed-filters.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

const PASSWORD = 'correct horse battery staple';
const LINKS = ['https://acme.example/pricing', 'https://acme.example/case-study', 'https://acme.example/demo'];

let server: TestServer;
let rep: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  rep = await server.addUser('relabel-rep@glint.example', { password: PASSWORD });
});
afterAll(() => server.close());

async function hit(url: string, ip: string, userAgent: string): Promise<void> {
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': userAgent, 'x-forwarded-for': ip } });
  await response.arrayBuffer();
}

/** Events still held for a link sweep. */
const stillHeld = (events: readonly StoredFeedEvent[]): string[] =>
  events.filter((event) => event.decideAt !== undefined).map((event) => event.id);

describe('feed sync of relabelled events', () => {
  it('drops a sweep and a self view from counts, unread badge and feed; notifies nothing new', async () => {
    const storage = authStorage(memoryArea());
    const db = new FeedDb('extension-relabel-sync');
    const deps: AuthDeps = {
      storage,
      db,
      fetch: globalThis.fetch,
      defaultDeviceName: async () => 'Chrome on Linux',
      hasHostPermission: async () => true,
      now: () => new Date(),
    };
    const added: StoredFeedEvent[][] = [];
    const relabelled: StoredFeedEvent[][] = [];
    const sync = new FeedSync({
      db,
      storage,
      fetch: globalThis.fetch,
      now: deps.now,
      onAdded: async (events) => void added.push(events),
      onRelabelled: async (events) => void relabelled.push(events),
      onRejected: async () => undefined,
    });
    await signIn(deps, { serverUrl: server.baseUrl, email: 'relabel-rep@glint.example', password: PASSWORD });
    expect(await sync.syncOnce(0)).toBe('ok');

    const token = mintEmailToken(rep.signingKey);
    const registered = await fetch(`${server.baseUrl}/api/v1/emails`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({
        token,
        subject: 'Renewal',
        sentAt: new Date(Date.now() - 3_600_000).toISOString(),
        links: LINKS.map((url, index) => ({ index, url })),
      }),
    });
    expect(registered.status).toBe(201);
    const link = (index: number): string => clickUrl(server.baseUrl, rep.signingKey, token, index, LINKS[index] ?? '');

    // The rep's own view through Gmail's proxy (beacon not there yet) and two clicks of a sweep.
    await hit(pixelUrl(server.baseUrl, token), IP.gmailProxy, UA.gmailProxy);
    await hit(link(0), IP.sweepA, UA.chromeWindows);
    await hit(link(1), IP.sweepB, UA.chromeWindows);
    await sync.syncOnce(0);
    // The clicks may be the start of a sweep: held (not counted, not notified) for its window.
    expect(added.flat().map((event) => [event.kind, event.label, event.decideAt !== undefined])).toEqual([
      ['open', 'human', false],
      ['click', 'human', true],
      ['click', 'human', true],
    ]);
    expect(
      added
        .flat()
        .filter((event) => shouldNotify(event, DEFAULT_SETTINGS.notifications))
        .map((event) => event.kind),
    ).toEqual(['open']);
    expect(await countUnread(db)).toBe(1);

    // Later evidence: the beacon lands, the sweep completes.
    const beacon = await fetch(`${server.baseUrl}/api/v1/self-views`, {
      method: 'POST',
      headers: { ...rep.headers, 'x-glint-device': mintId('device') },
      body: JSON.stringify({ token }),
    });
    expect(beacon.status).toBe(200);
    await hit(link(2), IP.sweepC, UA.chromeWindows);
    await sync.syncOnce(0);

    expect(added.at(-1)?.map((event) => [event.kind, event.label])).toEqual([['click', 'machine']]);
    expect(added.at(-1)?.filter((event) => shouldNotify(event, DEFAULT_SETTINGS.notifications))).toEqual([]);
    expect(
      relabelled
        .flat()
        .map((event) => [event.kind, event.label])
        .sort(),
    ).toEqual([
      ['click', 'machine'],
      ['click', 'machine'],
      ['open', 'self'],
    ]);
    expect(await countUnread(db)).toBe(0);
    expect(stillHeld(await db.events.where('emailToken').equals(token).toArray())).toEqual([]);
    const row = await db.emails.get(token);
    expect(row).toMatchObject({
      unreadCount: 0,
      machineCount: 3,
      checkingCount: 0,
      counts: expect.objectContaining({ open: 0, click: 0 }),
    });
    const events = await db.events.where('emailToken').equals(token).toArray();
    expect(events.filter((event) => isEventVisible(event, { filters: new Set(), showMachine: false }))).toEqual([]);
    expect(events.filter((event) => isEventVisible(event, { filters: new Set(), showMachine: true })).map((event) => event.kind)).toEqual([
      'click',
      'click',
      'click',
    ]);
    await db.delete();
  });
});
