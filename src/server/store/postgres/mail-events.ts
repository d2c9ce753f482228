// Mail events (reply, auto_reply, bounce) on PostgreSQL: at most one per message of a user's
// mailbox. Rare next to pixel hits, so not group-committed: one transaction takes the event-write
// lock (seq order is commit order), the message key, inserts the event and moves the mailbox's
// last reply, and queues its webhook deliveries. No cache depends on it.
import type { NewEvent, StoredEvent } from '../types.ts';
import { lockEventWrites, type PgDatabase } from './database.ts';
import { insertEvents, type InsertedRow } from './event-insert.ts';
import { enqueueCreated } from './outbox.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';

export function mailEventQueries(
  db: PgDatabase,
  subscriptions: SubscriptionCache,
): (event: NewEvent, messageKey: string) => Promise<StoredEvent | null> {
  return async (event, messageKey) => {
    const { userId } = event;
    if (userId === null) throw new Error('a mail event needs its user');
    return db.transaction(async (tx) => {
      await lockEventWrites(tx);
      const taken = await tx.query(
        `INSERT INTO mail_events (user_id, message_key, event_id) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, message_key) DO NOTHING RETURNING event_id`,
        [userId, messageKey, event.id],
      );
      if (taken.length === 0) return null;
      const { sql, params } = insertEvents([event]);
      const [row] = await tx.query<InsertedRow>(sql, params);
      if (!row) throw new Error('event insert returned nothing');
      if (event.kind === 'reply') {
        await tx.query('UPDATE mailboxes SET last_reply_at = $1 WHERE user_id = $2 AND (last_reply_at IS NULL OR last_reply_at < $1)', [
          event.at.getTime(),
          userId,
        ]);
      }
      await enqueueCreated(tx, subscriptions, [event]);
      return { ...event, seq: row.seq, userId: row.user_id };
    });
  };
}
