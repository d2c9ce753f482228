// Later evidence on PostgreSQL: the opens a self-view beacon may explain, and relabelling events
// that were already stored. A relabelled event moves to a new, larger seq (as attachEvents does),
// so a feed cursor behind it delivers it again with its new label.
import { toStoredEvent, type EventRow } from '../rows/events.ts';
import type { Store } from '../store.ts';
import type { PgDatabase } from './database.ts';
import { updateEventsInOrder } from './event-updates.ts';
import { enqueueRelabelled } from './outbox.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';

type RelabelMethods = Pick<Store, 'listOpensBetween' | 'relabelEvents'>;

// Self opens are settled (the rep's own), so only human and machine ones are candidates.
const OPENS_BETWEEN = `SELECT * FROM events
  WHERE email_token = $1 AND kind = 'open' AND label IN ('human', 'machine') AND at BETWEEN $2 AND $3
  ORDER BY at, seq LIMIT 100`;
// Never relabels a self event, nor an event whose label and reason stay the same (no needless
// re-delivery). Becoming self, or machine, marks it retracted: readers without machine events
// get it once more on their cursor (SQLite migration 003).
const RELABEL = `UPDATE events SET label = $3, reason = $4, repeat = $5,
    retracted = CASE WHEN $3 = 'self' OR ($3 = 'machine' AND label <> 'machine') THEN 1 ELSE retracted END,
    seq = nextval('events_seq')
  WHERE id = $1 AND user_id = $2 AND label <> 'self' AND (label <> $3 OR reason <> $4)
  RETURNING *`;

export function relabelQueries(db: PgDatabase, subscriptions: SubscriptionCache): RelabelMethods {
  return {
    async listOpensBetween(token, from, to) {
      const rows = await db.query<EventRow>(OPENS_BETWEEN, [token, from.getTime(), to.getTime()]);
      return rows.map(toStoredEvent);
    },
    relabelEvents: (userId, relabels) =>
      updateEventsInOrder(
        db,
        RELABEL,
        relabels.map((change) => [change.id, userId, change.label, change.reason, change.repeat ? 1 : 0]),
        // Webhooks hear of the new labels in the same transaction (event.relabelled).
        (tx, updated) => enqueueRelabelled(tx, subscriptions, updated),
      ),
  };
}
