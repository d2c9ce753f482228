// The SQLite store answers the per-hit reads (email, owner devices, self views, last human open)
// from memory: each cached answer must follow the store's own writes, in both durability modes
// (FULL commits events on a worker thread, NORMAL on the main connection).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { EmailRecord, NewEvent, Store } from '../../../src/server/store/store.ts';

const TEAM = 'tm_cacheTeam000000000001';
const ALICE = 'us_cacheAlice00000000001';
const BOB = 'us_cacheBob0000000000001';
const T0 = 1_700_000_000_000;

const email = (token: string, userId = ALICE): EmailRecord => ({
  token,
  userId,
  subject: 'Quarterly numbers',
  to: ['reader@example.com'],
  cc: [],
  bcc: [],
  sentAt: new Date(T0),
  gmailThreadId: null,
  gmailMessageId: null,
  rfcMessageId: null,
  openTracking: true,
  clickTracking: true,
  links: [],
  createdAt: new Date(T0),
});

const open = (token: string, at: number, label: NewEvent['label'] = 'human'): NewEvent => ({
  id: mintId('event'),
  kind: 'open',
  label,
  reason: label === 'human' ? 'no-machine-signal' : 'bot-ua',
  at: new Date(at),
  emailToken: token,
  userId: ALICE,
  signerUserId: null,
  linkIndex: null,
  url: null,
  ip: '192.0.2.1',
  userAgent: 'reader',
  deviceId: null,
  repeat: false,
  details: null,
});

describe.each(['FULL', 'NORMAL'] as const)('store caches (%s)', (synchronous) => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glint-caches-'));
    store = openSqliteStore(dir, { synchronous });
    await store.createTeam({ id: TEAM, name: 'Cache', plan: 'free', createdAt: new Date(T0) });
    for (const [id, address] of [
      [ALICE, 'alice@example.com'],
      [BOB, 'bob@example.com'],
    ] as const) {
      await store.createUser({ id, email: address, passwordHash: 'x', teamId: TEAM, createdAt: new Date(T0) });
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows an email once it is registered, and its later ids', async () => {
    const token = mintEmailToken();
    expect(await store.getEmail(token)).toBeNull();
    await store.registerEmail(email(token));
    expect(await store.getEmail(token)).toMatchObject({ token, userId: ALICE });
    await store.updateEmailIds(ALICE, token, { gmailThreadId: 'thread-1' });
    expect((await store.getEmail(token))?.gmailThreadId).toBe('thread-1');
    // Another user's update changes nothing.
    await store.updateEmailIds(BOB, token, { gmailThreadId: 'thread-2' });
    expect((await store.getEmail(token))?.gmailThreadId).toBe('thread-1');
  });

  it("follows device registrations, and never lends one user's device to another", async () => {
    expect(await store.listDeviceIds(ALICE)).toEqual([]);
    const device = mintId('device');
    await store.upsertDevice({ deviceId: device, userId: ALICE, name: 'Laptop', at: new Date(T0) });
    expect(await store.listDeviceIds(ALICE)).toEqual([device]);
    expect(await store.listDeviceIds(BOB)).toEqual([]);
    expect(await store.upsertDevice({ deviceId: device, userId: BOB, name: 'Mine now', at: new Date(T0) })).toBeNull();
    expect(await store.listDeviceIds(BOB)).toEqual([]);
    const ids = await store.listDeviceIds(ALICE);
    ids.push('tampered');
    expect(await store.listDeviceIds(ALICE)).toEqual([device]);
  });

  it('lists self views added after the first read, by time, the newest 100', async () => {
    const token = mintEmailToken();
    expect(await store.listSelfViews(token, ALICE, new Date(0))).toEqual([]);
    for (let index = 0; index < 105; index++) {
      await store.addSelfView(token, { userId: ALICE, deviceId: 'dv_x', at: new Date(T0 + index * 1000) });
    }
    const views = await store.listSelfViews(token, ALICE, new Date(0));
    expect(views).toHaveLength(100);
    expect(views[0]?.at).toEqual(new Date(T0 + 5000));
    expect(views.at(-1)?.at).toEqual(new Date(T0 + 104_000));
    expect(await store.listSelfViews(token, ALICE, new Date(T0 + 103_000))).toHaveLength(2);
    // A view stamped earlier than the newest (a clock step) still lands in time order.
    await store.addSelfView(token, { userId: ALICE, deviceId: 'dv_y', at: new Date(T0 + 103_500) });
    expect((await store.listSelfViews(token, ALICE, new Date(T0 + 103_000))).map((view) => view.deviceId)).toEqual([
      'dv_x',
      'dv_y',
      'dv_x',
    ]);
    // Another user's views are kept apart: they neither show up nor push Alice's out.
    for (let index = 0; index < 105; index++) {
      await store.addSelfView(token, { userId: BOB, deviceId: 'dv_b', at: new Date(T0 + 200_000 + index) });
    }
    expect(await store.listSelfViews(token, ALICE, new Date(0))).toHaveLength(100);
    expect((await store.listSelfViews(token, BOB, new Date(0))).every((view) => view.userId === BOB)).toBe(true);
  });

  it('raises the last human open as opens commit and forgets it when one is relabelled', async () => {
    const token = mintEmailToken();
    await store.registerEmail(email(token));
    expect(await store.lastHumanOpen(token, new Date(0))).toBeNull();
    const first = await store.appendEvent(open(token, T0 + 1000));
    expect(await store.lastHumanOpen(token, new Date(0))).toEqual(new Date(T0 + 1000));
    await store.appendEvent(open(token, T0 + 2000, 'machine'));
    expect(await store.lastHumanOpen(token, new Date(0))).toEqual(new Date(T0 + 1000));
    expect(await store.lastHumanOpen(token, new Date(T0 + 1001))).toBeNull();
    await store.relabelEvents(ALICE, [{ id: first.id, label: 'self', reason: 'sender-self-view', repeat: false }]);
    expect(await store.lastHumanOpen(token, new Date(0))).toBeNull();
  });
});
