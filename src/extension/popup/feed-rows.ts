// Flattens the visible emails and the events of the expanded ones into the rows of one
// virtualised list, so an email with thousands of events scrolls like everything else.
import type { EmailRow, StoredFeedEvent } from '../data/feed-db.ts';
import { isEventVisible, type FeedView } from './feed-filters.ts';

export type FeedRow =
  | { type: 'email'; key: string; email: EmailRow; expanded: boolean }
  | { type: 'event'; key: string; event: StoredFeedEvent }
  | { type: 'no-events'; key: string; emailToken: string };

/**
 * `eventsByEmail` holds the events of expanded emails, newest first; an expanded email whose
 * events are still loading gets no rows yet (they appear within the same frame as the query).
 */
export function buildFeedRows(
  emails: readonly EmailRow[],
  expanded: ReadonlySet<string>,
  eventsByEmail: ReadonlyMap<string, readonly StoredFeedEvent[]>,
  view: FeedView,
): FeedRow[] {
  const rows: FeedRow[] = [];
  for (const email of emails) {
    const isOpen = expanded.has(email.token);
    rows.push({ type: 'email', key: `email:${email.token}`, email, expanded: isOpen });
    if (!isOpen) continue;
    const events = eventsByEmail.get(email.token);
    if (!events) continue;
    const visible = events.filter((event) => isEventVisible(event, view));
    if (visible.length === 0) rows.push({ type: 'no-events', key: `none:${email.token}`, emailToken: email.token });
    for (const event of visible) rows.push({ type: 'event', key: `event:${event.id}`, event });
  }
  return rows;
}

/** A first guess of a row's height in pixels; the list measures the real one once drawn. */
export function estimateRowHeight(row: FeedRow | undefined): number {
  if (!row) return 40;
  if (row.type === 'email') return 76;
  if (row.type === 'no-events') return 32;
  if (row.event.kind === 'doc_pages') {
    const pages = Array.isArray(row.event.details?.['pages']) ? row.event.details['pages'].length : 0;
    return 44 + Math.min(pages, 50) * 18;
  }
  return 40;
}
