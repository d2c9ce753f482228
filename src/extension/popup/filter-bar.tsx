// Filters (opens, clicks, documents, replies: any combination, none = everything) and the
// "Show machine activity" switch.
import type { ReactElement } from 'react';
import { t, type MessageKey } from '../data/i18n.ts';
import { FEED_FILTERS, type FeedFilter, type FeedView } from './feed-filters.ts';

const FILTER_KEYS: Record<FeedFilter, MessageKey> = {
  opens: 'popup_filter_opens',
  clicks: 'popup_filter_clicks',
  documents: 'popup_filter_documents',
  replies: 'popup_filter_replies',
};

export interface FilterBarProps {
  view: FeedView;
  onChange: (view: FeedView) => void;
}

export function FilterBar({ view, onChange }: FilterBarProps): ReactElement {
  const toggle = (filter: FeedFilter): void => {
    const filters = new Set(view.filters);
    if (filters.has(filter)) filters.delete(filter);
    else filters.add(filter);
    onChange({ ...view, filters });
  };
  return (
    <div className="filters">
      <div className="filters__chips" role="group" aria-label={t('popup_filtersLabel')}>
        {FEED_FILTERS.map((filter) => (
          <button key={filter} type="button" className="chip" aria-pressed={view.filters.has(filter)} onClick={() => toggle(filter)}>
            {t(FILTER_KEYS[filter])}
          </button>
        ))}
      </div>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={view.showMachine}
          onChange={(event) => onChange({ ...view, showMachine: event.currentTarget.checked })}
        />
        <span>{t('popup_showMachine')}</span>
      </label>
    </div>
  );
}
