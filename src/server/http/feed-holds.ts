// The feed's `checkingUntil` (ingest/sweep-hold.ts): only the few clicks of the last seconds are
// candidates, and their emails' link counts come from the store's email cache.
import type { FeedEventRecord, Store } from '../store/store.ts';
import { checkingUntil, mayBeHeld } from '../ingest/sweep-hold.ts';

/** The events of `events` still checking at `now`, by id, with the time their hold ends. */
export async function checkingTimes(
  store: Pick<Store, 'getEmail'>,
  events: readonly FeedEventRecord[],
  now: Date,
  holdMs: number,
): Promise<Map<string, Date>> {
  const candidates = events.filter((event) => mayBeHeld(event, now, holdMs));
  const held = new Map<string, Date>();
  if (candidates.length === 0) return held;
  const tokens = [...new Set(candidates.map((event) => event.emailToken))];
  const emails = await Promise.all(tokens.map((token) => store.getEmail(token)));
  const linkCounts = new Map(tokens.map((token, index) => [token, emails[index]?.links.length ?? 0]));
  for (const event of candidates) {
    const until = checkingUntil(event, linkCounts.get(event.emailToken) ?? 0, now, holdMs);
    if (until) held.set(event.id, until);
  }
  return held;
}
