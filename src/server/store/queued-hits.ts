// Ingestion reads an email's recent clicks and newest human open, hits still waiting in the group
// commit included (read your writes). Both stores join their queue to what is stored alike.
import type { EventRow } from './rows/events.ts';
import type { NewEvent, RecentHit } from './types.ts';

/** "No human open yet", in the caches of the newest open (ms). */
export const NO_OPEN = -1;

const toHit = (event: NewEvent | EventRow): RecentHit =>
  'email_token' in event
    ? {
        id: event.id,
        kind: event.kind as RecentHit['kind'],
        label: event.label as RecentHit['label'],
        at: new Date(event.at),
        linkIndex: event.link_index,
        ip: event.ip,
      }
    : { id: event.id, kind: event.kind, label: event.label, at: event.at, linkIndex: event.linkIndex, ip: event.ip };

/** The queued clicks since `since`, newest first. */
export function queuedClicks(queued: readonly NewEvent[], since: Date): NewEvent[] {
  return queued.filter((event) => event.kind === 'click' && event.at >= since).reverse();
}

/**
 * The newest `limit` clicks: queued ones first, then stored ones. A batch stays queued until it is
 * durable but is readable from its commit on, so a stored row may also be queued: counted once.
 */
export function recentClicks(queued: readonly NewEvent[], stored: readonly EventRow[], limit: number): RecentHit[] {
  return withQueuedClicks(queued, stored.map(toHit), limit);
}

/** recentClicks() for stored clicks already read as hits. */
export function withQueuedClicks(queued: readonly NewEvent[], stored: readonly RecentHit[], limit: number): RecentHit[] {
  const pending = new Set(queued.map((event) => event.id));
  const committed = stored.filter((hit) => !pending.has(hit.id));
  return [...queued.map(toHit), ...committed].slice(0, limit);
}

/** The queued human opens since `since`. */
export function queuedHumanOpens(queued: readonly NewEvent[], since: Date): NewEvent[] {
  return queued.filter((event) => event.kind === 'open' && event.label === 'human' && event.at >= since);
}

/** The newest human open since `since`, from the committed newest (ms or NO_OPEN) and the queued ones. */
export function newestHumanOpen(committed: number, queuedOpens: readonly NewEvent[], since: Date): Date | null {
  let newest = committed;
  for (const event of queuedOpens) newest = Math.max(newest, event.at.getTime());
  return newest === NO_OPEN || newest < since.getTime() ? null : new Date(newest);
}
