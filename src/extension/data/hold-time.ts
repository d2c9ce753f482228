// When a click held for a link sweep is decided (held-clicks.ts has the rest): pure, so the feed
// writes can mark a click held as they store it.
import type { FeedEvent } from '../../shared/api-schemas.ts';
import { LINK_SWEEP_DECIDE_GRACE_MS, LINK_SWEEP_HOLD_MS } from '../../shared/tracking-config.ts';
import type { StoredFeedEvent } from './feed-db.ts';

/**
 * When to decide an event received at `receivedAt`, or undefined when it is not held. The hold's
 * length is the server's (checkingUntil - at, both on its clock), counted from this browser's
 * receipt so a clock difference cannot cut it short; never longer than the shared constant.
 */
export function decideAtFor(event: FeedEvent, receivedAt: Date): string | undefined {
  if (event.label !== 'human' || !event.checkingUntil) return undefined;
  const span = Date.parse(event.checkingUntil) - Date.parse(event.at);
  if (!Number.isFinite(span) || span <= 0) return undefined;
  return new Date(receivedAt.getTime() + Math.min(span, LINK_SWEEP_HOLD_MS) + LINK_SWEEP_DECIDE_GRACE_MS).toISOString();
}

export function isHeld(event: Pick<StoredFeedEvent, 'decideAt'>): boolean {
  return event.decideAt !== undefined;
}

