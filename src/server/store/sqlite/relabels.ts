// Later evidence on SQLite: the opens a self-view beacon may explain, and relabelling events that
// were already stored. A relabelled event moves to a new, larger seq (as attachEvents does), so a
// feed cursor behind it delivers it again with its new label.
import type { Store } from '../store.ts';
import type { EventRelabel } from '../types.ts';
import type { SqliteDatabase } from './database.ts';
import { toStoredEvent, type EventRow } from '../rows/events.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import { ENQUEUE_RELABELLED_SQL } from './outbox.ts';

type RelabelMethods = Pick<Store, 'listOpensBetween' | 'relabelEvents'>;

interface RelabelParams {
  id: string;
  userId: string;
  label: string;
  reason: string;
  repeat: number;
}

export function relabelQueries(db: SqliteDatabase, subscriptions: SubscriptionCache): RelabelMethods {
  const enqueue = db.prepare<[{ id: string; now: number }]>(ENQUEUE_RELABELLED_SQL);
  // Self opens are settled (the rep's own), so only human and machine ones are candidates.
  const opensBetween = db.prepare<[string, number, number], EventRow>(
    `SELECT * FROM events WHERE email_token = ? AND kind = 'open' AND label IN ('human', 'machine') AND at BETWEEN ? AND ?
     ORDER BY at, seq LIMIT 100`,
  );
  // Never relabels a self event, nor an event whose label and reason stay the same (no needless
  // re-delivery). Becoming self, or machine, marks it retracted: readers without machine events
  // get it once more on their cursor (migration 003).
  const relabel = db.prepare<RelabelParams, EventRow>(
    `UPDATE events SET label = @label, reason = @reason, repeat = @repeat,
       retracted = CASE WHEN @label = 'self' OR (@label = 'machine' AND label <> 'machine') THEN 1 ELSE retracted END,
       seq = (SELECT MAX(seq) FROM events) + 1
     WHERE id = @id AND user_id = @userId AND label <> 'self' AND (label <> @label OR reason <> @reason)
     RETURNING *`,
  );
  const relabelAll = db.transaction((userId: string, relabels: readonly EventRelabel[]) =>
    relabels.flatMap((change) => {
      const row = relabel.get({ id: change.id, userId, label: change.label, reason: change.reason, repeat: change.repeat ? 1 : 0 });
      if (!row) return [];
      const event = toStoredEvent(row);
      // Webhooks hear of the new label in the same transaction (event.relabelled).
      if (subscriptions.mayWant(event, true)) {
        enqueue.run({ id: event.id, now: Date.now() });
        setImmediate(() => subscriptions.queued());
      }
      return [event];
    }),
  );

  return {
    async listOpensBetween(token, from, to) {
      return opensBetween.all(token, from.getTime(), to.getTime()).map(toStoredEvent);
    },
    async relabelEvents(userId, relabels) {
      if (relabels.length === 0) return [];
      return relabelAll.immediate(userId, relabels);
    },
  };
}
