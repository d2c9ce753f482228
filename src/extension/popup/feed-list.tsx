// The virtualised list of emails and expanded events: only the rows in view (plus a few) are in
// the DOM, so 10,000 events scroll as smoothly as ten. Row heights are measured once drawn.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactElement } from 'react';
import { t } from '../data/i18n.ts';
import type { CampaignState } from './campaign-state.ts';
import { EmailRow } from './email-row.tsx';
import { EventRow, NoEventsRow } from './event-row.tsx';
import type { FeedView } from './feed-filters.ts';
import { estimateRowHeight, type FeedRow } from './feed-rows.ts';

export interface FeedListProps {
  rows: readonly FeedRow[];
  view: FeedView;
  onToggle: (token: string) => void;
  onOpenThread: (token: string) => void;
  /** The rep scrolled close to the last row: time to read older emails. */
  onNearEnd: () => void;
  /** Each email's follow-up states, by token. */
  campaigns?: ReadonlyMap<string, readonly CampaignState[]>;
}

/** Rows left below the view when older emails start loading. */
const NEAR_END_ROWS = 30;

export function FeedList({ rows, view, onToggle, onOpenThread, onNearEnd, campaigns }: FeedListProps): ReactElement {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRowHeight(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - NEAR_END_ROWS) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);
  return (
    <div ref={scrollRef} className="feed" role="list" aria-label={t('popup_feedLabel')} tabIndex={-1}>
      <div className="feed__spacer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="listitem"
              className={`feed__row feed__row--${row.type}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.type === 'email' && (
                <EmailRow
                  email={row.email}
                  view={view}
                  expanded={row.expanded}
                  onToggle={onToggle}
                  onOpenThread={onOpenThread}
                  campaigns={campaigns?.get(row.email.token) ?? []}
                />
              )}
              {row.type === 'event' && <EventRow event={row.event} />}
              {row.type === 'no-events' && <NoEventsRow />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
