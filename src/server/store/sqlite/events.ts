// Events on SQLite: group-committed appends, mail events (mail-events.ts), the recent hits of an
// email, orphan attachment, relabels on later evidence (relabels.ts), redelivery with new details
// and the feed pages.
import { CACHED_LAST_OPENS } from '../cache-sizes.ts';
import { INSERT_PARAMS_PER_ROW, pushInsertParams, type SqlValue } from '../event-insert-params.ts';
import { GroupCommit } from '../group-commit.ts';
import { LruCache } from '../../lib/lru-cache.ts';
import { newestHumanOpen, NO_OPEN, queuedClicks, queuedHumanOpens, recentClicks } from '../queued-hits.ts';
import { toFeedEvent, toStoredEvent, type EventRow, type FeedRow } from '../rows/events.ts';
import type { EventQueries, EventStore } from '../store.ts';
import type { NewEvent, StoredEvent } from '../types.ts';
import { Checkpointer } from './checkpointer.ts';
import type { SqliteDatabase } from './database.ts';
import { INSERT_EVENT_SQL, insertedRow } from './event-insert.ts';
import { openEventWriter, WAL_SIZE_LIMIT_BYTES } from './event-writer.ts';
import { mailEventQueries } from './mail-events.ts';
import { orphanCountRelease } from './orphan-hits.ts';
import { relabelQueries } from './relabels.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import { ENQUEUE_CREATED_SQL } from './outbox.ts';

const FEED_SELECT = `SELECT e.*, m.subject AS m_subject, m.to_json AS m_to, m.cc_json AS m_cc,
    m.sent_at AS m_sent_at, m.gmail_thread_id AS m_thread
  FROM events e JOIN emails m ON m.token = e.email_token
  WHERE e.user_id = @userId`;
// Self events never show, nor machine ones without includeMachine; forward reads still carry the
// retracted ones (relabelled self or machine after the feed may have delivered them, migration
// 003) so a client following the cursor drops what it holds.
const FORWARD_FILTER = `(e.label <> 'self' OR e.retracted = 1) AND (@includeMachine = 1 OR e.label <> 'machine' OR e.retracted = 1)`;
const HISTORY_FILTER = `e.label <> 'self' AND (@includeMachine = 1 OR e.label <> 'machine')`;

/** How often the WAL is copied back into the database file, and its length that holds writers. */
const CHECKPOINT_INTERVAL_MS = 200;
const MAX_WAL_FRAMES = 65_536;
const INLINE_CHECKPOINT_PAGES = 1000;

export function eventQueries(
  db: SqliteDatabase,
  options: { maxBatch: number; synchronous: 'FULL' | 'NORMAL'; subscriptions: SubscriptionCache },
): EventQueries {
  const { subscriptions } = options;
  const recentClicksStored = db.prepare<[string, number, number], EventRow>(
    `SELECT * FROM events WHERE email_token = ? AND kind = 'click' AND at >= ? ORDER BY at DESC, seq DESC LIMIT ?`,
  );
  const lastOpen = db.prepare<[string], { at: number }>(
    `SELECT at FROM events WHERE email_token = ? AND kind = 'open' AND label = 'human' ORDER BY at DESC LIMIT 1`,
  );
  // Newest committed human open per token (ms, NO_OPEN for none). Only this process writes events:
  // commits raise it, relabels and attachments (which may lower it) drop it.
  const lastOpens = new LruCache<string, number>(CACHED_LAST_OPENS);
  const committedLastOpen = (token: string): number => {
    let at = lastOpens.get(token);
    if (at === undefined) {
      at = lastOpen.get(token)?.at ?? NO_OPEN;
      lastOpens.set(token, at);
    }
    return at;
  };
  const forgetOpensOf = (events: readonly StoredEvent[]): void => {
    for (const event of events) if (event.kind === 'open') lastOpens.delete(event.emailToken);
  };
  const orphans = db.prepare<[string], EventRow>('SELECT * FROM events WHERE email_token = ? AND user_id IS NULL ORDER BY at, seq');
  const attach = db.prepare<[string, string, string, number, string, string], EventRow>(
    `UPDATE events SET user_id = ?, label = ?, reason = ?, repeat = ?, seq = (SELECT MAX(seq) FROM events) + 1
     WHERE id = ? AND email_token = ? AND user_id IS NULL RETURNING *`,
  );
  const redeliver = db.prepare<[string, string], EventRow>(
    'UPDATE events SET details_json = ?, seq = (SELECT MAX(seq) FROM events) + 1 WHERE id = ? RETURNING *',
  );
  const after = db.prepare<Record<string, number | string>, FeedRow>(
    `${FEED_SELECT} AND ${FORWARD_FILTER} AND e.seq > @after ORDER BY e.seq ASC LIMIT @limit`,
  );
  const before = db.prepare<Record<string, number | string>, FeedRow>(
    `${FEED_SELECT} AND ${HISTORY_FILTER} AND e.seq < @before ORDER BY e.seq DESC LIMIT @limit`,
  );
  const head = db.prepare<[], { head: number }>('SELECT COALESCE(MAX(seq), 0) AS head FROM events');

  // Appends are group-committed on the event writer's connection (event-writer.ts): up to two
  // batches in flight, so the next one commits while the fdatasync of the previous runs (FULL).
  // Checkpoints run on their own worker, for this connection too.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const checkpointer = new Checkpointer(db.name, {
    intervalMs: CHECKPOINT_INTERVAL_MS,
    maxWalFrames: MAX_WAL_FRAMES,
    // Without it, commits checkpoint inline again (SQLite's default) rather than grow the WAL.
    onFailure: () => {
      db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
      writer.checkpointInline(INLINE_CHECKPOINT_PAGES);
    },
  });
  const writer = openEventWriter(db.name, INSERT_EVENT_SQL, INSERT_PARAMS_PER_ROW, options.synchronous, ENQUEUE_CREATED_SQL);
  const writes = new GroupCommit<NewEvent, StoredEvent>(
    async (events) => {
      const values: SqlValue[] = [];
      const deliveries: Record<string, SqlValue>[] = [];
      const now = Date.now();
      for (const event of events) {
        pushInsertParams(values, event);
        if (subscriptions.mayWant(event)) deliveries.push({ id: event.id, now });
      }
      const returned = await writer.write(values, deliveries);
      if (deliveries.length > 0) subscriptions.queued();
      return events.map((event, index) => {
        const row = insertedRow(returned, index);
        if (event.kind === 'open' && event.label === 'human') {
          // Only a token already cached is raised; a miss reads the committed row anyway.
          const known = lastOpens.peek(event.emailToken);
          if (known !== undefined && known < event.at.getTime()) lastOpens.set(event.emailToken, event.at.getTime());
        }
        return { ...event, seq: row.seq, userId: row.userId };
      });
    },
    { maxBatch: options.maxBatch, keyOf: (event) => event.emailToken, gate: () => checkpointer.gate(), maxInFlight: 2 },
  );

  const enqueueCreated = db.prepare<[{ id: string; now: number }]>(ENQUEUE_CREATED_SQL);
  const releaseOrphanCount = orphanCountRelease(db);
  const attachAll = db.transaction((token: string, userId: string, relabels: Parameters<EventStore['attachEvents']>[2]) => {
    releaseOrphanCount(token);
    return relabels.flatMap((change) => {
      const row = attach.get(userId, change.label, change.reason, change.repeat ? 1 : 0, change.id, token);
      if (!row) return [];
      const event = toStoredEvent(row);
      // Now the owner's: its team's webhooks get it, in the attaching transaction.
      if (subscriptions.mayWant(event)) {
        enqueueCreated.run({ id: event.id, now: Date.now() });
        setImmediate(() => subscriptions.queued());
      }
      return [event];
    });
  });

  const readPage = db.transaction((query: Parameters<EventStore['readFeed']>[0]) => {
    const params = { userId: query.userId, includeMachine: query.includeMachine ? 1 : 0, limit: query.limit + 1 };
    const rows =
      query.after !== undefined
        ? after.all({ ...params, after: query.after })
        : before.all({ ...params, before: query.before ?? Number.MAX_SAFE_INTEGER });
    const hasMore = rows.length > query.limit;
    return { events: rows.slice(0, query.limit).map(toFeedEvent), hasMore, head: head.get()?.head ?? 0 };
  });

  const relabels = relabelQueries(db, subscriptions);
  const appendMail = mailEventQueries(db, subscriptions);

  return {
    async listOpensBetween(token, from, to) {
      return relabels.listOpensBetween(token, from, to);
    },
    async relabelEvents(userId, changes) {
      const changed = await relabels.relabelEvents(userId, changes);
      forgetOpensOf(changed);
      return changed;
    },
    appendEvent: (event) => writes.enqueue(event),
    async appendMailEvent(event, messageKey) {
      return appendMail(event, messageKey);
    },
    async listRecentClicks(token, since, limit) {
      const queued = queuedClicks(writes.pendingFor(token), since);
      return recentClicks(queued, recentClicksStored.all(token, since.getTime(), limit), limit);
    },
    async lastHumanOpen(token, since) {
      const queued = queuedHumanOpens(writes.pendingFor(token), since);
      return newestHumanOpen(committedLastOpen(token), queued, since);
    },
    async listOrphanEvents(token) {
      return orphans.all(token).map(toStoredEvent);
    },
    async attachEvents(token, userId, changes) {
      const attached = attachAll.immediate(token, userId, changes);
      forgetOpensOf(attached);
      return attached;
    },
    async redeliverEvent(eventId, details) {
      const row = redeliver.get(JSON.stringify(details), eventId);
      return row ? toStoredEvent(row) : null;
    },
    async readFeed(query) {
      const page = readPage(query);
      // The page may hold events committed but not yet fdatasynced: never hand those out.
      await writer.durable();
      return page;
    },
    flush: () => writes.flush(),
    async closeQueue() {
      await writes.close();
      writer.close();
      await checkpointer.close();
    },
  };
}
