// Write helpers of the feed database (see feed-db.ts). Every helper that changes events
// recomputes the rows of the emails it touched in the same transaction, so readers never see
// counts that disagree with the events.
import type { FeedEvent } from '../../shared/api-schemas.ts';
import { EVENT_KINDS, type EventKind } from '../../shared/event-model.ts';
import type { EmailRow, FeedDb, KindCounts, StoredFeedEvent } from './feed-db.ts';
import { decideAtFor, isHeld } from './hold-time.ts';

export interface UpsertResult {
  /** Events not stored before, in the order given: the ones to notify about. */
  added: StoredFeedEvent[];
  /** Events stored before and replaced (relabelled re-deliveries). */
  updated: StoredFeedEvent[];
}

/**
 * Kinds shown in the email's row but quietly: an out-of-office or a bounce is worth knowing, not
 * worth a badge, nor does it lift the email to the top of the list as a reply does.
 */
export const QUIET_KINDS: ReadonlySet<EventKind> = new Set(['auto_reply', 'bounce']);

/** Whether an event counts as unread when it first arrives: human, not a repeat, not quiet. */
export function startsUnread(event: FeedEvent): boolean {
  return event.label === 'human' && !event.repeat && !QUIET_KINDS.has(event.kind);
}

/**
 * Stores a batch from the feed. `receivedAt`: when a live sync received it, so a person's click a
 * link sweep may still relabel is held (hold-time.ts); without it (history, tests) nothing is.
 */
export async function upsertFeedEvents(db: FeedDb, events: readonly FeedEvent[], receivedAt?: Date): Promise<UpsertResult> {
  if (events.length === 0) return { added: [], updated: [] };
  return db.transaction('rw', db.events, db.emails, async () => {
    const plan = planUpsert(events, await db.events.bulkGet(events.map((event) => event.id)), receivedAt);
    await db.events.bulkPut(plan.rows);
    await recomputeEmails(db, plan.touched, plan.summaries);
    return plan.result;
  });
}

export interface UpsertPlan {
  result: UpsertResult;
  /** The rows to write, one per event id (the last delivery of an id wins). */
  rows: StoredFeedEvent[];
  /** Emails whose rows must be rebuilt: those of the new rows and of the rows they replace. */
  touched: Set<string>;
  /** The newest email summary per email token in the batch. */
  summaries: Map<string, FeedEvent['email']>;
}

/**
 * What an upsert writes, given the batch and the stored rows of its ids (from bulkGet). A click
 * stays held across re-deliveries while it is a person's; relabelled, its hold is over.
 */
export function planUpsert(events: readonly FeedEvent[], stored: readonly (StoredFeedEvent | undefined)[], receivedAt?: Date): UpsertPlan {
  const result: UpsertResult = { added: [], updated: [] };
  const existing = new Map(stored.flatMap((row) => (row ? [[row.id, row] as const] : [])));
  const rows = new Map<string, StoredFeedEvent>();
  for (const event of events) {
    const before = rows.get(event.id) ?? existing.get(event.id);
    const row: StoredFeedEvent = {
      ...event,
      emailToken: event.email.token,
      read: before ? before.read : startsUnread(event) ? 0 : 1,
    };
    const decideAt = before ? before.decideAt : receivedAt && decideAtFor(event, receivedAt);
    if (decideAt !== undefined && event.label === 'human') row.decideAt = decideAt;
    if (!rows.has(event.id)) (before ? result.updated : result.added).push(row);
    rows.set(event.id, row);
  }
  const touched = new Set([...rows.values(), ...existing.values()].map((row) => row.emailToken));
  const summaries = new Map([...rows.values()].map((row) => [row.emailToken, row.email]));
  return { result, rows: [...rows.values()], touched, summaries };
}

function zeroCounts(): KindCounts {
  return Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as KindCounts;
}

/**
 * Rebuilds the email rows of `tokens` from their events; drops rows left without events.
 * All reads are issued at once and the rows written in one bulkPut: IndexedDB answers queued
 * requests back to back, where awaiting a read and a write per email costs two round trips each
 * (seconds for the 10,000 emails of a first sync).
 */
export async function recomputeEmails(
  db: FeedDb,
  tokens: Iterable<string>,
  summaries: ReadonlyMap<string, FeedEvent['email']> = new Map(),
): Promise<void> {
  const list = [...new Set(tokens)];
  if (list.length === 0) return;
  const eventsOf = await Promise.all(list.map((token) => db.events.where('emailToken').equals(token).toArray()));
  const rows: EmailRow[] = [];
  const emptied: string[] = [];
  list.forEach((token, index) => {
    const row = emailRowOf(token, eventsOf[index] ?? [], summaries.get(token));
    if (row) rows.push(row);
    else emptied.push(token);
  });
  await Promise.all([db.emails.bulkPut(rows), db.emails.bulkDelete(emptied)]);
}

/**
 * The email row for `token` given ALL its stored events (null when there are none). The summary
 * (subject, recipients, thread id) is `summary` when given, else the latest event's copy.
 */
export function emailRowOf(token: string, events: readonly StoredFeedEvent[], summary?: FeedEvent['email']): EmailRow | null {
  const latest = events.reduce<StoredFeedEvent | undefined>((a, b) => (a && a.at >= b.at ? a : b), undefined);
  if (!latest) return null;
  const { subject, to, cc, sentAt, gmailThreadId } = summary ?? latest.email;
  const row: EmailRow = {
    token,
    subject,
    to,
    cc,
    sentAt,
    gmailThreadId,
    lastActivityAt: sentAt,
    lastEventAt: sentAt,
    counts: zeroCounts(),
    unreadCount: 0,
    machineCount: 0,
    checkingCount: 0,
  };
  for (const event of events) {
    if (event.label === 'self') continue;
    if (event.at > row.lastEventAt) row.lastEventAt = event.at;
    if (event.label === 'machine') {
      row.machineCount += 1;
      continue;
    }
    if (isHeld(event)) {
      // Shown at once, dimmed; counted (and unread) only once decided a person's.
      row.checkingCount = (row.checkingCount ?? 0) + 1;
      if (event.at > row.lastActivityAt) row.lastActivityAt = event.at;
      continue;
    }
    row.counts[event.kind] += 1;
    if (event.read === 0) row.unreadCount += 1;
    if (event.at > row.lastActivityAt && !QUIET_KINDS.has(event.kind)) row.lastActivityAt = event.at;
  }
  return row;
}

/** Human events not read yet, held clicks apart: the number on the toolbar badge. */
export async function countUnread(db: FeedDb): Promise<number> {
  // Counted on the index (no rows read); the held clicks, a few at most, are read and taken off.
  const [unread, held] = await Promise.all([
    db.events.where('[label+read]').equals(['human', 0]).count(),
    db.events
      .where('decideAt')
      .above('')
      .filter((event) => event.label === 'human' && event.read === 0)
      .count(),
  ]);
  return unread - held;
}

export async function markAllRead(db: FeedDb): Promise<void> {
  await db.transaction('rw', db.events, db.emails, async () => {
    const unread = await db.events.where('[label+read]').equals(['human', 0]).toArray();
    if (unread.length === 0) return;
    await db.events.bulkUpdate(unread.map((row) => ({ key: row.id, changes: { read: 1 } })));
    await recomputeEmails(db, new Set(unread.map((row) => row.emailToken)));
  });
}

export async function markEmailRead(db: FeedDb, emailToken: string): Promise<void> {
  await db.transaction('rw', db.events, db.emails, async () => {
    await db.events.where('emailToken').equals(emailToken).modify({ read: 1 });
    await recomputeEmails(db, [emailToken]);
  });
}

/** Data retention: forgets events older than `cutoff` (ISO 8601) and emails left empty. */
export async function pruneEventsBefore(db: FeedDb, cutoff: string): Promise<number> {
  return db.transaction('rw', db.events, db.emails, async () => {
    const old = await db.events.where('at').below(cutoff).toArray();
    if (old.length === 0) return 0;
    await db.events.bulkDelete(old.map((row) => row.id));
    await recomputeEmails(db, new Set(old.map((row) => row.emailToken)));
    return old.length;
  });
}

/** Forgets everything (sign-out, another account): feed, emails and sync state. */
export async function clearFeed(db: FeedDb): Promise<void> {
  await db.transaction('rw', db.events, db.emails, db.sync, async () => {
    await Promise.all([db.events.clear(), db.emails.clear(), db.sync.clear()]);
  });
}
