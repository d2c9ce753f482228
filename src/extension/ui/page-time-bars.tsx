// Horizontal bars of the seconds a reader spent on each page of a document, longest bar = the
// page read longest. Used by the popup for `doc_pages` events (details: src/shared/event-details).
import type { ReactElement } from 'react';
import type { PageTime } from '../../shared/event-details.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import './page-time-bars.css';

/** Pages drawn at most; the rest are summed up in one line so a 500-page deck stays readable. */
export const MAX_PAGE_BARS = 50;

export interface PageTimeBarsProps {
  pages: readonly PageTime[];
  totalSeconds: number;
  documentName?: string | undefined;
}

/** Same page reported twice in one visit: add the times up; then in page order. */
export function mergePages(pages: readonly PageTime[]): PageTime[] {
  const byPage = new Map<number, number>();
  for (const { page, seconds } of pages) byPage.set(page, (byPage.get(page) ?? 0) + seconds);
  return [...byPage].map(([page, seconds]) => ({ page, seconds })).sort((a, b) => a.page - b.page);
}

/** "45 s", "2 min 5 s", "1 h 3 min" in the browser's language. */
export function formatDuration(totalSeconds: number, language: string = uiLanguage()): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour'): string =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const seconds = Math.round(totalSeconds);
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? unit(Math.floor(seconds / 60), 'minute') : `${unit(Math.floor(seconds / 60), 'minute')} ${unit(rest, 'second')}`;
  }
  const minutes = Math.floor((seconds % 3600) / 60);
  const hours = unit(Math.floor(seconds / 3600), 'hour');
  return minutes === 0 ? hours : `${hours} ${unit(minutes, 'minute')}`;
}

export function PageTimeBars({ pages, totalSeconds, documentName }: PageTimeBarsProps): ReactElement {
  const merged = mergePages(pages);
  const shown = merged.slice(0, MAX_PAGE_BARS);
  const hidden = merged.slice(MAX_PAGE_BARS);
  const longest = Math.max(1, ...merged.map((page) => page.seconds));
  const title = documentName ? t('popup_pageBars_titleNamed', documentName) : t('popup_pageBars_title');
  return (
    <figure className="page-bars">
      <figcaption className="page-bars__caption">
        <span className="page-bars__name" title={title}>
          {title}
        </span>
        <span className="page-bars__total">{t('popup_pageBars_total', formatDuration(totalSeconds))}</span>
      </figcaption>
      <ol className="page-bars__list" aria-label={title}>
        {shown.map(({ page, seconds }) => (
          <li key={page} className="page-bars__row">
            <span className="page-bars__page">{t('popup_pageBars_page', String(page))}</span>
            <span className="page-bars__track" aria-hidden="true">
              <span className="page-bars__bar" style={{ width: `${(seconds / longest) * 100}%` }} />
            </span>
            <span className="page-bars__seconds">{formatDuration(seconds)}</span>
          </li>
        ))}
      </ol>
      {hidden.length > 0 && (
        <p className="page-bars__more">
          {t('popup_pageBars_more', [String(hidden.length), formatDuration(hidden.reduce((sum, page) => sum + page.seconds, 0))])}
        </p>
      )}
    </figure>
  );
}
