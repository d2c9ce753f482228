// The feed upsert as it was before it went bulk: the same plan (planUpsert) and the same email
// rows (emailRowOf), but after the events' bulkPut it rebuilds the touched emails ONE AT A TIME,
// an index read and a write per email, each awaited in turn. In IndexedDB every await is a round
// trip, so 10,000 emails cost 20,000 of them. Kept as the oracle of the unit test and the
// baseline of bench:feed-writes.
import { type FeedDb } from '../../src/extension/data/feed-db.ts';
import { emailRowOf, planUpsert, type UpsertResult } from '../../src/extension/data/feed-writes.ts';
import type { FeedEvent } from '../../src/shared/api-schemas.ts';

export async function upsertSequentially(db: FeedDb, events: readonly FeedEvent[]): Promise<UpsertResult> {
  if (events.length === 0) return { added: [], updated: [] };
  return db.transaction('rw', db.events, db.emails, async () => {
    const plan = planUpsert(events, await db.events.bulkGet(events.map((event) => event.id)));
    await db.events.bulkPut(plan.rows);
    for (const token of plan.touched) {
      const stored = await db.events.where('emailToken').equals(token).toArray();
      const row = emailRowOf(token, stored, plan.summaries.get(token));
      if (row) await db.emails.put(row);
      else await db.emails.delete(token);
    }
    return plan.result;
  });
}
