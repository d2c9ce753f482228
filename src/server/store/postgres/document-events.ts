// The one document method that writes events: a visit's open or page-time event gets its new
// details and a new seq, so clients receive it again.
import type { DocumentStore } from '../document-store.ts';
import type { PgDatabase } from './database.ts';
import { updateEventsInOrder } from './event-updates.ts';

const REDELIVER = `UPDATE events SET details_json = $1, seq = nextval('events_seq') WHERE id = $2 RETURNING *`;

export function documentEventQueries(db: PgDatabase): Pick<DocumentStore, 'redeliverEvent'> {
  return {
    async redeliverEvent(eventId, details) {
      const [event] = await updateEventsInOrder(db, REDELIVER, [[JSON.stringify(details), eventId]]);
      return event ?? null;
    },
  };
}
