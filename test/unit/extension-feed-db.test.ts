import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedDb, compareCursors } from '../../src/extension/data/feed-db.ts';
import {
  clearFeed,
  countUnread,
  markAllRead,
  markEmailRead,
  pruneEventsBefore,
  upsertFeedEvents,
} from '../../src/extension/data/feed-writes.ts';
import { readSyncState, writeSyncState } from '../../src/extension/data/sync-state.ts';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';

let db: FeedDb;
let dbCount = 0;

beforeEach(async () => {
  db = new FeedDb(`feed-test-${dbCount++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('upsertFeedEvents', () => {
  it('stores events and builds the email row with human counts and last activity', async () => {
    const email = makeEmail();
    const open = makeFeedEvent({ email, at: '2025-03-01T10:00:00.000Z' });
    const click = makeFeedEvent({
      email,
      kind: 'click',
      at: '2025-03-01T11:00:00.000Z',
      linkIndex: 0,
      url: 'https://acme.example/pricing',
    });
    const proxy = makeFeedEvent({ email, label: 'machine', reason: 'apple-mpp', at: '2025-03-01T12:00:00.000Z' });
    const self = makeFeedEvent({ email, label: 'self', reason: 'sender-device', at: '2025-03-01T13:00:00.000Z' });

    const result = await upsertFeedEvents(db, [open, click, proxy, self]);

    expect(result.added.map((row) => row.id)).toEqual([open.id, click.id, proxy.id, self.id]);
    const row = await db.emails.get(email.token);
    expect(row?.subject).toBe('Proposal for Acme');
    expect(row?.counts.open).toBe(1);
    expect(row?.counts.click).toBe(1);
    expect(row?.machineCount).toBe(1);
    expect(row?.lastActivityAt).toBe('2025-03-01T11:00:00.000Z');
    expect(row?.lastEventAt).toBe('2025-03-01T12:00:00.000Z');
    expect(row?.unreadCount).toBe(2);
    expect(await countUnread(db)).toBe(2);
  });

  it('replaces a relabelled re-delivery, keeps its read flag and fixes the counts', async () => {
    const email = makeEmail();
    const open = makeFeedEvent({ email });
    await upsertFeedEvents(db, [open]);
    await markAllRead(db);

    const relabelled = { ...open, cursor: '999', label: 'machine' as const, reason: 'gmail-proxy-at-send' as const };
    const result = await upsertFeedEvents(db, [relabelled]);

    expect(result.added).toEqual([]);
    expect(result.updated.map((row) => row.id)).toEqual([open.id]);
    const stored = await db.events.get(open.id);
    expect(stored?.label).toBe('machine');
    expect(stored?.read).toBe(1);
    const row = await db.emails.get(email.token);
    expect(row?.counts.open).toBe(0);
    expect(row?.machineCount).toBe(1);
    expect(row?.lastActivityAt).toBe(email.sentAt);
  });

  it('does not count repeat opens, machine or self events as unread', async () => {
    const email = makeEmail();
    await upsertFeedEvents(db, [
      makeFeedEvent({ email }),
      makeFeedEvent({ email, repeat: true }),
      makeFeedEvent({ email, label: 'machine', reason: 'bot-ua' }),
      makeFeedEvent({ email, label: 'self', reason: 'sender-device' }),
    ]);
    expect(await countUnread(db)).toBe(1);
    expect((await db.emails.get(email.token))?.counts.open).toBe(2);
  });

  it('takes the newest email summary (subject, thread id learnt later)', async () => {
    const email = makeEmail({ gmailThreadId: null });
    await upsertFeedEvents(db, [makeFeedEvent({ email })]);
    await upsertFeedEvents(db, [makeFeedEvent({ email: { ...email, gmailThreadId: 'abc123' } })]);
    expect((await db.emails.get(email.token))?.gmailThreadId).toBe('abc123');
  });
});

describe('read state', () => {
  it('markEmailRead clears one email, markAllRead the rest', async () => {
    const a = makeEmail();
    const b = makeEmail();
    await upsertFeedEvents(db, [makeFeedEvent({ email: a }), makeFeedEvent({ email: b }), makeFeedEvent({ email: b })]);
    expect(await countUnread(db)).toBe(3);

    await markEmailRead(db, b.token);
    expect(await countUnread(db)).toBe(1);
    expect((await db.emails.get(b.token))?.unreadCount).toBe(0);

    await markAllRead(db);
    expect(await countUnread(db)).toBe(0);
    expect((await db.emails.get(a.token))?.unreadCount).toBe(0);
  });
});

describe('retention and sign-out', () => {
  it('prunes old events and drops emails left without events', async () => {
    const old = makeEmail();
    const recent = makeEmail();
    await upsertFeedEvents(db, [
      makeFeedEvent({ email: old, at: '2024-01-01T00:00:00.000Z' }),
      makeFeedEvent({ email: recent, at: '2024-01-01T00:00:00.000Z' }),
      makeFeedEvent({ email: recent, at: '2025-06-01T00:00:00.000Z' }),
    ]);
    expect(await pruneEventsBefore(db, '2025-01-01T00:00:00.000Z')).toBe(2);
    expect(await db.emails.get(old.token)).toBeUndefined();
    expect((await db.emails.get(recent.token))?.counts.open).toBe(1);
  });

  it('clearFeed forgets events, emails and the sync state', async () => {
    await upsertFeedEvents(db, [makeFeedEvent()]);
    await writeSyncState(db, { cursor: '42', status: 'ok' });
    await clearFeed(db);
    expect(await db.events.count()).toBe(0);
    expect(await db.emails.count()).toBe(0);
    expect(await readSyncState(db)).toEqual({ cursor: null, lastSyncAt: null, lastError: null, lastErrorCode: null, status: 'signed-out' });
  });
});

describe('sync state and cursors', () => {
  it('writes fields one by one and reads them back as one object', async () => {
    await writeSyncState(db, { cursor: '7', status: 'ok', lastSyncAt: '2025-03-01T10:00:00.000Z' });
    await writeSyncState(db, { status: 'offline', lastError: 'Server unreachable', lastErrorCode: 'server-unreachable' });
    expect(await readSyncState(db)).toEqual({
      cursor: '7',
      lastSyncAt: '2025-03-01T10:00:00.000Z',
      lastError: 'Server unreachable',
      lastErrorCode: 'server-unreachable',
      status: 'offline',
    });
  });

  it('orders cursors as numbers', () => {
    expect(compareCursors('10', '9')).toBeGreaterThan(0);
    expect(compareCursors('9', '10')).toBeLessThan(0);
    expect(compareCursors('0042', '42')).toBe(0);
  });
});
