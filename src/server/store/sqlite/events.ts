// Events on SQLite: group-committed appends, the recent hits of an email, orphan attachment,
// relabels on later evidence (relabels.ts) and the feed pages.
import type { Store } from '../store.ts';
import type { NewEvent, RecentHit, StoredEvent } from '../types.ts';
import type { SqliteDatabase } from './database.ts';
import { eventParams, toFeedEvent, toStoredEvent, type EventRow, type FeedRow } from './event-rows.ts';
import { EventWriter } from './event-writer.ts';
import { GroupCommit } from './group-commit.ts';
import { relabelQueries } from './relabels.ts';

type EventMethods = Pick<
  Store,
  | 'appendEvent'
  | 'listRecentClicks'
  | 'lastHumanOpen'
  | 'listOrphanEvents'
  | 'attachEvents'
  | 'listOpensBetween'
  | 'relabelEvents'
  | 'readFeed'
  | 'flush'
>;

export interface EventQueries extends EventMethods {
  /** Commits what is queued, then stops the writer. */
  closeQueue(): Promise<void>;
}

const FEED_SELECT = `SELECT e.*, m.subject AS m_subject, m.to_json AS m_to, m.cc_json AS m_cc,
    m.sent_at AS m_sent_at, m.gmail_thread_id AS m_thread
  FROM events e JOIN emails m ON m.token = e.email_token
  WHERE e.user_id = @userId AND (@includeMachine = 1 OR e.label <> 'machine')`;
// Self events never show; forward reads still carry the retracted ones (relabelled self after the
// feed delivered them, migration 003) so a client following the cursor drops what it holds.
const FORWARD_SELF = `(e.label <> 'self' OR e.retracted = 1)`;

// An event whose email got registered while it waited in the queue is attached right here.
const INSERT_SQL = `INSERT INTO events (id, kind, label, reason, at, email_token, user_id, signer_user_id, link_index, url,
    ip, user_agent, device_id, repeat, details_json)
  VALUES (@id, @kind, @label, @reason, @at, @emailToken,
    COALESCE(@userId, (SELECT user_id FROM emails WHERE token = @emailToken
      AND (@signerUserId IS NULL OR user_id = @signerUserId))),
    @signerUserId, @linkIndex, @url, @ip, @userAgent, @deviceId, @repeat, @details)
  RETURNING seq, user_id`;

const toHit = (event: NewEvent | EventRow): RecentHit =>
  'email_token' in event
    ? { id: event.id, kind: event.kind as RecentHit['kind'], label: event.label as RecentHit['label'], at: new Date(event.at), linkIndex: event.link_index, ip: event.ip }
    : { id: event.id, kind: event.kind, label: event.label, at: event.at, linkIndex: event.linkIndex, ip: event.ip };

export function eventQueries(
  db: SqliteDatabase,
  options: { maxBatch: number; synchronous: 'FULL' | 'NORMAL' },
): EventQueries {
  const recentClicks = db.prepare<[string, number, number], EventRow>(
    `SELECT * FROM events WHERE email_token = ? AND kind = 'click' AND at >= ? ORDER BY at DESC, seq DESC LIMIT ?`,
  );
  const lastOpen = db.prepare<[string, number], { at: number }>(
    `SELECT at FROM events WHERE email_token = ? AND kind = 'open' AND label = 'human' AND at >= ? ORDER BY at DESC LIMIT 1`,
  );
  const orphans = db.prepare<[string], EventRow>('SELECT * FROM events WHERE email_token = ? AND user_id IS NULL ORDER BY at, seq');
  const attach = db.prepare<[string, string, string, number, string, string], EventRow>(
    `UPDATE events SET user_id = ?, label = ?, reason = ?, repeat = ?, seq = (SELECT MAX(seq) FROM events) + 1
     WHERE id = ? AND email_token = ? AND user_id IS NULL RETURNING *`,
  );
  const after = db.prepare<Record<string, number | string>, FeedRow>(
    `${FEED_SELECT} AND ${FORWARD_SELF} AND e.seq > @after ORDER BY e.seq ASC LIMIT @limit`,
  );
  const before = db.prepare<Record<string, number | string>, FeedRow>(
    `${FEED_SELECT} AND e.label <> 'self' AND e.seq < @before ORDER BY e.seq DESC LIMIT @limit`,
  );
  const head = db.prepare<[], { head: number }>('SELECT COALESCE(MAX(seq), 0) AS head FROM events');

  // Appends go through a worker thread so the fsync of each batch never blocks request handling.
  const writer = new EventWriter(db.name, INSERT_SQL, options.synchronous);
  const writes = new GroupCommit<NewEvent, StoredEvent>(
    async (events) => {
      const rows = await writer.write(events.map(eventParams));
      return events.map((event, index) => {
        const row = rows[index];
        if (!row) throw new Error('event insert returned nothing');
        return { ...event, seq: row.seq, userId: row.user_id };
      });
    },
    { maxBatch: options.maxBatch, keyOf: (event) => event.emailToken },
  );

  const attachAll = db.transaction((token: string, userId: string, relabels: Parameters<EventMethods['attachEvents']>[2]) =>
    relabels.flatMap((change) => {
      const row = attach.get(userId, change.label, change.reason, change.repeat ? 1 : 0, change.id, token);
      return row ? [toStoredEvent(row)] : [];
    }),
  );

  const readPage = db.transaction((query: Parameters<EventMethods['readFeed']>[0]) => {
    const params = { userId: query.userId, includeMachine: query.includeMachine ? 1 : 0, limit: query.limit + 1 };
    const rows =
      query.after !== undefined
        ? after.all({ ...params, after: query.after })
        : before.all({ ...params, before: query.before ?? Number.MAX_SAFE_INTEGER });
    const hasMore = rows.length > query.limit;
    return { events: rows.slice(0, query.limit).map(toFeedEvent), hasMore, head: head.get()?.head ?? 0 };
  });

  return {
    ...relabelQueries(db),
    appendEvent: (event) => writes.enqueue(event),
    async listRecentClicks(token, since, limit) {
      const queued = writes
        .pendingFor(token)
        .filter((event) => event.kind === 'click' && event.at >= since)
        .reverse();
      return [...queued.map(toHit), ...recentClicks.all(token, since.getTime(), limit).map(toHit)].slice(0, limit);
    },
    async lastHumanOpen(token, since) {
      const queued = writes
        .pendingFor(token)
        .filter((event) => event.kind === 'open' && event.label === 'human' && event.at >= since);
      const times = [...queued.map((event) => event.at.getTime()), lastOpen.get(token, since.getTime())?.at ?? -1];
      const newest = Math.max(...times);
      return newest < 0 ? null : new Date(newest);
    },
    async listOrphanEvents(token) {
      return orphans.all(token).map(toStoredEvent);
    },
    async attachEvents(token, userId, relabels) {
      return attachAll.immediate(token, userId, relabels);
    },
    async readFeed(query) {
      return readPage(query);
    },
    flush: () => writes.flush(),
    async closeQueue() {
      await writes.close();
      await writer.close();
    },
  };
}
