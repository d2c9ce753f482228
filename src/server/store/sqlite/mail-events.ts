// Mail events (reply, auto_reply, bounce) on SQLite: at most one per message of a user's mailbox.
// Rare next to pixel hits, so not group-committed: one immediate transaction on the main
// connection takes the message key, inserts the event and moves the mailbox's last reply. The
// webhook outbox rows are queued in the same transaction. The
// write lock orders it with the event writer's commits (seq is the rowid, taken inside the lock),
// and the connection's synchronous pragma (FULL by default) makes it durable at COMMIT.
import { INSERT_PARAMS_PER_ROW, pushInsertParams, type SqlValue } from '../event-insert-params.ts';
import type { NewEvent, StoredEvent } from '../types.ts';
import type { SqliteDatabase } from './database.ts';
import { INSERT_EVENT_SQL, insertedRow } from './event-insert.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import { ENQUEUE_CREATED_SQL } from './outbox.ts';

export function mailEventQueries(
  db: SqliteDatabase,
  subscriptions: SubscriptionCache,
): (event: NewEvent, messageKey: string) => StoredEvent | null {
  const enqueue = db.prepare<[{ id: string; now: number }]>(ENQUEUE_CREATED_SQL);
  const takeKey = db.prepare<[string, string, string]>(
    'INSERT INTO mail_events (user_id, message_key, event_id) VALUES (?, ?, ?) ON CONFLICT (user_id, message_key) DO NOTHING',
  );
  const insert = db.prepare<[SqlValue[]], SqlValue[]>(INSERT_EVENT_SQL).raw(true);
  const raiseLastReply = db.prepare<[number, string, number]>(
    'UPDATE mailboxes SET last_reply_at = ? WHERE user_id = ? AND (last_reply_at IS NULL OR last_reply_at < ?)',
  );

  const append = db.transaction((event: NewEvent & { userId: string }, messageKey: string): StoredEvent | null => {
    if (takeKey.run(event.userId, messageKey, event.id).changes === 0) return null;
    const values: SqlValue[] = [];
    pushInsertParams(values, event);
    if (values.length !== INSERT_PARAMS_PER_ROW) throw new Error('unexpected event insert parameters');
    const row = insertedRow(insert.get(values) ?? [], 0);
    if (event.kind === 'reply') raiseLastReply.run(event.at.getTime(), event.userId, event.at.getTime());
    if (subscriptions.mayWant(event)) {
      enqueue.run({ id: event.id, now: Date.now() });
      // After the commit: the worker's claim must see the row.
      setImmediate(() => subscriptions.queued());
    }
    return { ...event, seq: row.seq, userId: row.userId };
  });

  return (event, messageKey) => {
    const { userId } = event;
    if (userId === null) throw new Error('a mail event needs its user');
    return append.immediate({ ...event, userId }, messageKey);
  };
}
