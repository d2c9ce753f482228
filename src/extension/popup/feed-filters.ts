// Which emails and events the popup shows for the rep's filters and the machine switch.
// Self events are never shown, whatever the settings: they are the rep's own views.
import type { EventKind } from '../../shared/event-model.ts';
import type { EmailRow, StoredFeedEvent } from '../data/feed-db.ts';

export const FEED_FILTERS = ['opens', 'clicks', 'documents', 'replies'] as const;
export type FeedFilter = (typeof FEED_FILTERS)[number];

const FILTER_KINDS: Record<FeedFilter, readonly EventKind[]> = {
  opens: ['open'],
  clicks: ['click'],
  documents: ['doc_open', 'doc_pages', 'doc_download'],
  replies: ['reply', 'auto_reply'],
};

export interface FeedView {
  /** Selected filters; none selected shows every kind. */
  filters: ReadonlySet<FeedFilter>;
  showMachine: boolean;
}

/** The kinds the filters let through, or null for "all kinds". */
export function selectedKinds(filters: ReadonlySet<FeedFilter>): ReadonlySet<EventKind> | null {
  if (filters.size === 0) return null;
  return new Set([...filters].flatMap((filter) => FILTER_KINDS[filter]));
}

export function isEventVisible(event: StoredFeedEvent, view: FeedView): boolean {
  if (event.label === 'self') return false;
  if (event.label === 'machine' && !view.showMachine) return false;
  const kinds = selectedKinds(view.filters);
  return kinds === null || kinds.has(event.kind);
}

/**
 * Whether an email has something to show. `machineTokens` lists the emails with a machine
 * event of a selected kind (the email rows only count machine events in total); it is only
 * consulted when the machine switch is on and a filter is selected.
 */
export function isEmailVisible(email: EmailRow, view: FeedView, machineTokens: ReadonlySet<string>): boolean {
  const kinds = selectedKinds(view.filters);
  const human = kinds === null ? Object.values(email.counts) : [...kinds].map((kind) => email.counts[kind]);
  if (human.some((count) => count > 0)) return true;
  // A click held for a link sweep shows at once (dimmed, "checking").
  if ((email.checkingCount ?? 0) > 0 && (kinds === null || kinds.has('click'))) return true;
  if (!view.showMachine) return false;
  return kinds === null ? email.machineCount > 0 : machineTokens.has(email.token);
}

/** The time the list sorts and shows an email by: machine activity counts only when shown. */
export function activityAt(email: EmailRow, view: FeedView): string {
  return view.showMachine && email.lastEventAt > email.lastActivityAt ? email.lastEventAt : email.lastActivityAt;
}
