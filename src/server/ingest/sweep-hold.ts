// A person's click on an email with several tracked links may be the first click of a scanner
// sweeping them all: the sweep is recognised only by the click that completes it, up to the sweep
// window later, which then relabels the earlier clicks (sweep-relabel.ts). So the feed calls such
// a click "checking" until the window after it has passed; the extension tells the rep about it
// only then, and not at all if a relabel came first. Pure.
import { LINK_SCANNER_ALL_LINKS_MIN_LINKS } from '../../shared/tracking-config.ts';
import type { StoredEvent } from '../store/store.ts';

export type HoldCandidate = Pick<StoredEvent, 'kind' | 'label' | 'linkIndex' | 'at'>;

/** Whether a sweep may still relabel this event at `now`, whatever its email (the cheap test). */
export function mayBeHeld(event: HoldCandidate, now: Date, holdMs: number): boolean {
  return event.kind === 'click' && event.label === 'human' && event.linkIndex !== null && event.at.getTime() + holdMs > now.getTime();
}

/**
 * Until when the event is checking, or null when it is decided: not a person's click on a tracked
 * link, an email with fewer links than a sweep needs, or its window already over at `now`.
 */
export function checkingUntil(event: HoldCandidate, linkCount: number, now: Date, holdMs: number): Date | null {
  if (!mayBeHeld(event, now, holdMs) || linkCount < LINK_SCANNER_ALL_LINKS_MIN_LINKS) return null;
  return new Date(event.at.getTime() + holdMs);
}
