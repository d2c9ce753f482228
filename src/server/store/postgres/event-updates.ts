// Updates that move events to a new seq (attachment, relabel, redelivery): one statement per
// event, in the caller's order so the new seqs follow it, all in one transaction that takes the
// event-write lock first (database.ts), so no feed cursor passes a seq that commits later.
import { toStoredEvent, type EventRow } from '../rows/events.ts';
import type { StoredEvent } from '../types.ts';
import { lockEventWrites, type PgDatabase, type PgQueryable } from './database.ts';

/**
 * Runs `sql` (an UPDATE ... RETURNING *) once per parameter list; the events it changed.
 * `after` runs in the same transaction with them (the webhook outbox).
 */
export async function updateEventsInOrder(
  db: PgDatabase,
  sql: string,
  paramLists: readonly (readonly unknown[])[],
  after?: (tx: PgQueryable, updated: readonly StoredEvent[]) => Promise<void>,
): Promise<StoredEvent[]> {
  if (paramLists.length === 0) return [];
  return db.transaction(async (tx) => {
    await lockEventWrites(tx);
    const updated: StoredEvent[] = [];
    for (const params of paramLists) {
      const [row] = await tx.query<EventRow>(sql, params);
      if (row) updated.push(toStoredEvent(row));
    }
    await after?.(tx, updated);
    return updated;
  });
}
