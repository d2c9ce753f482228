// Events on PostgreSQL: group-committed appends, mail events (mail-events.ts), the recent hits of
// an email (hit-state.ts; read from the tables, as other servers write them too), orphan attachment, relabels on later evidence (relabels.ts), redelivery with new
// details and the feed pages (event-feed.ts). Every transaction that inserts events or moves one
// to a new seq takes lockEventWrites first (database.ts).
import { GroupCommit } from '../group-commit.ts';
import { newestHumanOpen, NO_OPEN, queuedClicks, queuedHumanOpens, recentClicks } from '../queued-hits.ts';
import { toStoredEvent, type EventRow } from '../rows/events.ts';
import type { EventQueries } from '../store.ts';
import type { HitStateStore } from '../hit-state-store.ts';
import type { NewEvent, StoredEvent } from '../types.ts';
import { lockEventWrites, type PgDatabase } from './database.ts';
import { readFeedPage } from './event-feed.ts';
import { insertEvents, MAX_INSERT_ROWS, type InsertedRow } from './event-insert.ts';
import { updateEventsInOrder } from './event-updates.ts';
import { mailEventQueries } from './mail-events.ts';
import { relabelQueries } from './relabels.ts';
import { HitStateReader } from './hit-state.ts';
import { releaseOrphanCount } from './orphan-hits.ts';
import { enqueueCreated } from './outbox.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';

const RECENT_CLICKS = `SELECT * FROM events WHERE email_token = $1 AND kind = 'click' AND at >= $2
  ORDER BY at DESC, seq DESC LIMIT $3`;
const LAST_OPEN = `SELECT max(at) AS at FROM events WHERE email_token = $1 AND kind = 'open' AND label = 'human' AND at >= $2`;
const ORPHANS = 'SELECT * FROM events WHERE email_token = $1 AND user_id IS NULL ORDER BY at, seq';
const ATTACH = `UPDATE events SET user_id = $1, label = $2, reason = $3, repeat = $4, seq = nextval('events_seq')
  WHERE id = $5 AND email_token = $6 AND user_id IS NULL RETURNING *`;
const REDELIVER = `UPDATE events SET details_json = $1, seq = nextval('events_seq') WHERE id = $2 RETURNING *`;

export function eventQueries(
  db: PgDatabase,
  options: { maxBatch: number; subscriptions: SubscriptionCache },
): EventQueries & HitStateStore {
  const { subscriptions } = options;

  // One transaction per batch, resolved once COMMIT returned (durable: synchronous_commit on).
  // One batch at a time: the event-write lock would hold a second one until the first commits.
  const writes = new GroupCommit<NewEvent, StoredEvent>(
    async (events) => {
      const { sql, params } = insertEvents(events);
      const rows = await db.transaction(async (tx) => {
        await lockEventWrites(tx);
        const inserted = await tx.query<InsertedRow>(sql, params);
        // The webhook outbox, in the same transaction: owners as the INSERT attached them.
        const owners = new Map(inserted.map((row) => [row.id, row.user_id]));
        await enqueueCreated(
          tx,
          subscriptions,
          events.map((event) => ({ ...event, userId: owners.get(event.id) ?? null })),
        );
        return inserted;
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return events.map((event) => {
        const row = byId.get(event.id);
        if (!row) throw new Error('event insert returned nothing');
        return { ...event, seq: row.seq, userId: row.user_id };
      });
    },
    { maxBatch: Math.min(options.maxBatch, MAX_INSERT_ROWS), keyOf: (event) => event.emailToken },
  );

  const relabels = relabelQueries(db, subscriptions);
  const hitStates = new HitStateReader(db, (token) => writes.pendingFor(token));
  const appendMail = mailEventQueries(db, subscriptions);

  return {
    listOpensBetween: (token, from, to) => relabels.listOpensBetween(token, from, to),
    relabelEvents: (userId, changes) => relabels.relabelEvents(userId, changes),
    appendEvent: (event) => writes.enqueue(event),
    appendMailEvent: (event, messageKey) => appendMail(event, messageKey),
    async listRecentClicks(token, since, limit) {
      // The queue first: an event that leaves it meanwhile is committed before the read below.
      const queued = queuedClicks(writes.pendingFor(token), since);
      return recentClicks(queued, await db.query<EventRow>(RECENT_CLICKS, [token, since.getTime(), limit]), limit);
    },
    async lastHumanOpen(token, since) {
      const queued = queuedHumanOpens(writes.pendingFor(token), since);
      const [row] = await db.query<{ at: number | null }>(LAST_OPEN, [token, since.getTime()]);
      return newestHumanOpen(row?.at ?? NO_OPEN, queued, since);
    },
    readHitState: (query) => hitStates.read(query),
    async listOrphanEvents(token) {
      return (await db.query<EventRow>(ORPHANS, [token])).map(toStoredEvent);
    },
    async attachEvents(token, userId, changes) {
      const params = changes.map((change) => [userId, change.label, change.reason, change.repeat ? 1 : 0, change.id, token]);
      return updateEventsInOrder(db, ATTACH, params, async (tx, updated) => {
        await enqueueCreated(tx, subscriptions, updated);
        await releaseOrphanCount(tx, token);
      });
    },
    async redeliverEvent(eventId, details) {
      const [event] = await updateEventsInOrder(db, REDELIVER, [[JSON.stringify(details), eventId]]);
      return event ?? null;
    },
    readFeed: (query) => readFeedPage(db, query),
    flush: () => writes.flush(),
    closeQueue: () => writes.close(),
  };
}
