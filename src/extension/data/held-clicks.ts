// Clicks held for a link sweep. The server gives a person's click on an email with several tracked
// links `checkingUntil` (a scanner sweeping every link is recognised only at its last click, which
// relabels the earlier ones machine). The worker stores such a click at once, marked with
// `decideAt`, and decides it only with a feed read started after then: relabelled machine by then,
// the rep is never told; still a person's, one notification and one more on the badge. Kept in the
// feed database, so a worker stopped in between decides on its next start, once.
import type { FeedDb, StoredFeedEvent } from './feed-db.ts';
import { recomputeEmails } from './feed-writes.ts';
import { isHeld } from './hold-time.ts';

/** The earliest decision time among held clicks, or null when none is held. */
export async function nextDecisionAt(db: FeedDb): Promise<string | null> {
  const first = await db.events.orderBy('decideAt').first();
  return first?.decideAt ?? null;
}

/** Held clicks whose decision time is at or before `readStartedAt` (a feed read began then). */
export async function dueHeldClicks(db: FeedDb, readStartedAt: Date): Promise<StoredFeedEvent[]> {
  return db.events.where('decideAt').belowOrEqual(readStartedAt.toISOString()).toArray();
}

/**
 * Ends the hold of `ids` (counted from now on) and returns those still held until now that are a
 * person's: the ones to tell the rep about. An id decided meanwhile is not returned twice.
 */
export async function settleHeldClicks(db: FeedDb, ids: readonly string[]): Promise<StoredFeedEvent[]> {
  if (ids.length === 0) return [];
  return db.transaction('rw', db.events, db.emails, async () => {
    const rows = (await db.events.bulkGet([...ids])).flatMap((row) => (row && isHeld(row) ? [row] : []));
    if (rows.length === 0) return [];
    const settled = rows.map(({ decideAt: _decided, ...row }) => row);
    await db.events.bulkPut(settled);
    await recomputeEmails(db, new Set(settled.map((row) => row.emailToken)));
    return settled.filter((row) => row.label === 'human');
  });
}
