// A 10,000-event batch through upsertFeedEvents (fake-indexeddb): a long offline period's worth
// of new events, relabelled re-deliveries, the same event twice in one batch, the rep's own
// views and renamed emails. The rows are checked against figures worked out by hand, and the
// whole database against the pre-bulk path (one read and one write per email).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedDb, type EmailRow } from '../../src/extension/data/feed-db.ts';
import { countUnread, markEmailRead, upsertFeedEvents } from '../../src/extension/data/feed-writes.ts';
import type { FeedEvent } from '../../src/shared/api-schemas.ts';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';
import { upsertSequentially } from '../support/feed-writes-sequential.ts';

const EMAILS = 2_000;
const at = (base: string, seconds: number): string => new Date(Date.parse(base) + seconds * 1000).toISOString();
const T0 = '2025-03-01T10:00:00.000Z'; // stored before the batch
const T1 = '2025-03-02T10:00:00.000Z'; // the batch
const T2 = '2025-03-03T10:00:00.000Z'; // the batch, the rep's own views

interface Scenario {
  prefill: FeedEvent[];
  /** Emails whose stored open was read before the batch. */
  readBefore: string[];
  batch: FeedEvent[];
  emails: FeedEvent['email'][];
}

function scenario(): Scenario {
  const emails = Array.from({ length: EMAILS }, (_, i) => makeEmail({ subject: `Deal ${i}`, gmailThreadId: null }));
  const prefill = emails.map((email, i) => makeFeedEvent({ email, at: at(T0, i) }));
  const readBefore = emails.filter((_, i) => i % 4 === 0).map((email) => email.token);
  // (a) 1,000 stored human opens re-delivered as machine (they keep their read flag).
  const relabels = prefill.slice(0, 1_000).map((event): FeedEvent => ({ ...event, label: 'machine', reason: 'apple-mpp' }));
  // (b) four new events per email: an open, a repeat open, a click, a bot's open.
  const opens = emails.map((email, i) => makeFeedEvent({ email, at: at(T1, i) }));
  const fresh = emails.flatMap((email, i) => [
    opens[i] as FeedEvent,
    makeFeedEvent({ email, at: at(T1, i + 0.1), repeat: true }),
    makeFeedEvent({ email, at: at(T1, i + 0.2), kind: 'click', linkIndex: 0, url: 'https://acme.example/pricing' }),
    makeFeedEvent({ email, at: at(T1, i + 0.3), label: 'machine', reason: 'bot-ua' }),
  ]);
  // (c) the rep's own views of the first 500 emails.
  const own = emails.slice(0, 500).map((email, i) => makeFeedEvent({ email, at: at(T2, i), label: 'self', reason: 'sender-device' }));
  // (d) the opens of (b) of the first 250 emails again, later in the same batch, as machine.
  const again = opens.slice(0, 250).map((event): FeedEvent => ({ ...event, label: 'machine', reason: 'gmail-proxy-at-send' }));
  // (e) a document view on each of the last 250 emails, delivered last but an hour older than
  // (b), carrying a newer summary (renamed, thread known): the batch's summary wins, not the
  // summary of the latest event.
  const renamed = emails.slice(1_750).map((email, i) =>
    makeFeedEvent({
      email: { ...email, subject: `Renamed ${1_750 + i}`, gmailThreadId: `thread-${1_750 + i}` },
      kind: 'doc_open',
      at: at(T1, 1_750 + i - 3_600),
    }),
  );
  const batch = [...relabels, ...fresh, ...own, ...again, ...renamed];
  return { prefill, readBefore, batch, emails };
}

/** The row email `i` must have, worked out from how scenario() built it. */
function expectedRow(i: number, email: FeedEvent['email']): Omit<EmailRow, 'to' | 'cc' | 'sentAt'> {
  const relabelled = i < 1_000;
  const openAgain = i < 250;
  const docView = i >= 1_750;
  return {
    token: email.token,
    subject: docView ? `Renamed ${i}` : `Deal ${i}`,
    gmailThreadId: docView ? `thread-${i}` : null,
    counts: { ...zero(), open: (relabelled ? 0 : 1) + (openAgain ? 0 : 1) + 1, click: 1, doc_open: docView ? 1 : 0 },
    machineCount: (relabelled ? 1 : 0) + (openAgain ? 1 : 0) + 1,
    unreadCount: (!relabelled && i % 4 !== 0 ? 1 : 0) + (openAgain ? 0 : 1) + 1 + (docView ? 1 : 0),
    lastActivityAt: at(T1, i + 0.2),
    lastEventAt: at(T1, i + 0.3),
  };
}

function zero(): EmailRow['counts'] {
  return {
    open: 0,
    click: 0,
    doc_open: 0,
    doc_pages: 0,
    doc_download: 0,
    reply: 0,
    auto_reply: 0,
    bounce: 0,
    campaign_step_sent: 0,
    campaign_paused: 0,
    campaign_stopped: 0,
  };
}

let databases: FeedDb[] = [];
afterEach(async () => {
  await Promise.all(databases.map((db) => db.delete()));
  databases = [];
});

async function prepared(name: string, given: Scenario): Promise<FeedDb> {
  const db = new FeedDb(`${name}-${Math.random()}`);
  databases.push(db);
  await upsertFeedEvents(db, given.prefill);
  for (const token of given.readBefore) await markEmailRead(db, token);
  return db;
}

describe('upsertFeedEvents with 10,000 events in one batch', () => {
  it('reports new and replaced events and leaves every email row right', { timeout: 120_000 }, async () => {
    const given = scenario();
    expect(given.batch).toHaveLength(10_000);
    const db = await prepared('bulk', given);

    const result = await upsertFeedEvents(db, given.batch);

    // New: (b), (c), (e) in batch order; (d) repeats ids first seen in (b). Replaced: (a).
    expect(result.added).toHaveLength(8_750);
    expect(result.updated.map((row) => row.id)).toEqual(given.prefill.slice(0, 1_000).map((event) => event.id));
    expect(result.added[0]?.id).toBe(given.batch[1_000]?.id);
    expect(result.updated.every((row) => row.label === 'machine')).toBe(true);
    expect(await db.events.count()).toBe(EMAILS + 8_750);
    // Replaced rows keep their read flag; an id twice in the batch is stored as last delivered.
    const [readOpen, unreadOpen] = await db.events.bulkGet([given.prefill[0]?.id ?? '', given.prefill[1]?.id ?? '']);
    expect([readOpen?.label, readOpen?.read, unreadOpen?.label, unreadOpen?.read]).toEqual(['machine', 1, 'machine', 0]);
    expect(await db.events.get(given.batch[1_000]?.id ?? '')).toMatchObject({ label: 'machine', reason: 'gmail-proxy-at-send', read: 0 });

    const rows = new Map((await db.emails.toArray()).map((row) => [row.token, row]));
    expect(rows.size).toBe(EMAILS);
    given.emails.forEach((email, i) => expect(rows.get(email.token), `email ${i}`).toMatchObject(expectedRow(i, email)));
    const unread = given.emails.reduce((sum, email, i) => sum + expectedRow(i, email).unreadCount, 0);
    expect(await countUnread(db)).toBe(unread);
  });

  it('leaves exactly what the one-email-at-a-time path leaves', { timeout: 120_000 }, async () => {
    const given = scenario();
    const [bulk, sequential] = await Promise.all([prepared('bulk', given), prepared('sequential', given)]);

    const [fast, slow] = [await upsertFeedEvents(bulk, given.batch), await upsertSequentially(sequential, given.batch)];

    expect(fast).toEqual(slow);
    const dump = async (db: FeedDb): Promise<unknown> => ({ events: await db.events.toArray(), emails: await db.emails.toArray() });
    expect(await dump(bulk)).toEqual(await dump(sequential));
  });
});
