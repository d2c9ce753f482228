// The webhook outbox INSERTs in PostgreSQL's parameters: ($1 event ids, $2 now in ms), so a whole
// group-commit batch queues its deliveries in one statement, inside the batch's transaction.
import { enqueueCreatedSql, enqueueRelabelledSql } from '../outbox-sql.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import type { StoredEvent } from '../types.ts';
import type { PgQueryable } from './database.ts';

const ENQUEUE_CREATED_SQL = enqueueCreatedSql('e.id = ANY($1::text[])', '$2::bigint');
const ENQUEUE_RELABELLED_SQL = enqueueRelabelledSql('e.id = ANY($1::text[])', '$2::bigint', 'e.seq::text');

type Candidate = Pick<StoredEvent, 'id' | 'userId' | 'kind' | 'label'>;

/** Queues the deliveries of new (or newly attached) events that some webhook may want. */
export async function enqueueCreated(tx: PgQueryable, subscriptions: SubscriptionCache, events: readonly Candidate[]): Promise<void> {
  const ids = events.filter((event) => subscriptions.mayWant(event)).map((event) => event.id);
  if (ids.length === 0) return;
  await tx.query(ENQUEUE_CREATED_SQL, [ids, Date.now()]);
  // Once the transaction has committed, the worker's claim sees the rows.
  setImmediate(() => subscriptions.queued());
}

/** Queues event.relabelled deliveries of events that just got a new label. */
export async function enqueueRelabelled(tx: PgQueryable, subscriptions: SubscriptionCache, events: readonly Candidate[]): Promise<void> {
  const ids = events.filter((event) => subscriptions.mayWant(event, true)).map((event) => event.id);
  if (ids.length === 0) return;
  await tx.query(ENQUEUE_RELABELLED_SQL, [ids, Date.now()]);
  setImmediate(() => subscriptions.queued());
}
