// Write helpers of the feed database (see feed-db.ts). Every helper that changes events
// recomputes the rows of the emails it touched in the same transaction, so readers never see
// counts that disagree with the events.
import type { FeedEvent } from '../../shared/api-schemas.ts';
import { EVENT_KINDS } from '../../shared/event-model.ts';
import type { EmailRow, FeedDb, KindCounts, StoredFeedEvent } from './feed-db.ts';

export interface UpsertResult {
  /** Events not stored before, in the order given: the ones to notify about. */
  added: StoredFeedEvent[];
  /** Events stored before and replaced (relabelled re-deliveries). */
  updated: StoredFeedEvent[];
}

/** Whether an event counts as unread when it first arrives (the same rule as notifying). */
export function startsUnread(event: FeedEvent): boolean {
  return event.label === 'human' && !event.repeat;
}

export async function upsertFeedEvents(db: FeedDb, events: readonly FeedEvent[]): Promise<UpsertResult> {
  const result: UpsertResult = { added: [], updated: [] };
  if (events.length === 0) return result;
  await db.transaction('rw', db.events, db.emails, async () => {
    const ids = events.map((event) => event.id);
    const existing = new Map((await db.events.bulkGet(ids)).flatMap((row) => (row ? [[row.id, row]] : [])));
    const rows = new Map<string, StoredFeedEvent>();
    for (const event of events) {
      const before = rows.get(event.id) ?? existing.get(event.id);
      const row: StoredFeedEvent = {
        ...event,
        emailToken: event.email.token,
        read: before ? before.read : startsUnread(event) ? 0 : 1,
      };
      if (!rows.has(event.id)) (before ? result.updated : result.added).push(row);
      rows.set(event.id, row);
    }
    await db.events.bulkPut([...rows.values()]);
    const touched = new Set([...rows.values(), ...existing.values()].map((row) => row.emailToken));
    const summaries = new Map([...rows.values()].map((row) => [row.emailToken, row.email]));
    await recomputeEmails(db, touched, summaries);
  });
  return result;
}

function zeroCounts(): KindCounts {
  return Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as KindCounts;
}

/** Rebuilds the email rows of `tokens` from their events; drops rows left without events. */
export async function recomputeEmails(
  db: FeedDb,
  tokens: Iterable<string>,
  summaries: ReadonlyMap<string, FeedEvent['email']> = new Map(),
): Promise<void> {
  for (const token of tokens) {
    const events = await db.events.where('emailToken').equals(token).toArray();
    if (events.length === 0) {
      await db.emails.delete(token);
      continue;
    }
    const latest = events.reduce((a, b) => (a.at >= b.at ? a : b));
    const summary = summaries.get(token) ?? latest.email;
    const row: EmailRow = {
      token,
      subject: summary.subject,
      to: summary.to,
      cc: summary.cc,
      sentAt: summary.sentAt,
      gmailThreadId: summary.gmailThreadId,
      lastActivityAt: summary.sentAt,
      lastEventAt: summary.sentAt,
      counts: zeroCounts(),
      unreadCount: 0,
      machineCount: 0,
    };
    for (const event of events) {
      if (event.label === 'self') continue;
      if (event.at > row.lastEventAt) row.lastEventAt = event.at;
      if (event.label === 'machine') {
        row.machineCount += 1;
        continue;
      }
      row.counts[event.kind] += 1;
      if (event.read === 0) row.unreadCount += 1;
      if (event.at > row.lastActivityAt) row.lastActivityAt = event.at;
    }
    await db.emails.put(row);
  }
}

/** Human events not read yet: the number on the toolbar badge. */
export async function countUnread(db: FeedDb): Promise<number> {
  return db.events.where('[label+read]').equals(['human', 0]).count();
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
