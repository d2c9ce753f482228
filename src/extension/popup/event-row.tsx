// One event of an expanded email: what happened and when; machine events dimmed and explained,
// a click still checked for a link sweep dimmed with the word "checking";
// document visits with their seconds-per-page bars; replies with their sender and first lines.
// Every string from the feed is plain text.
import type { ReactElement } from 'react';
import { parseDocPagesDetails, parseDocumentRef, parseNetwork } from '../../shared/event-details.ts';
import type { StoredFeedEvent } from '../data/feed-db.ts';
import { isHeld } from '../data/hold-time.ts';
import { t } from '../data/i18n.ts';
import { PageTimeBars } from '../ui/page-time-bars.tsx';
import { kindWords, reasonWords } from './event-words.ts';
import { MailEventDetail } from './mail-event-detail.tsx';
import { RelativeTime } from './relative-time.tsx';

function EventDetail({ event }: { event: StoredFeedEvent }): ReactElement | null {
  if (event.kind === 'reply' || event.kind === 'auto_reply' || event.kind === 'bounce') return <MailEventDetail event={event} />;
  if (event.kind === 'click' && event.url) {
    return (
      <p className="event__detail" title={event.url}>
        {event.url}
      </p>
    );
  }
  if (event.kind === 'doc_pages') {
    const details = parseDocPagesDetails(event.details);
    if (details) return <PageTimeBars pages={details.pages} totalSeconds={details.totalSeconds} documentName={details.documentName} />;
  }
  if (event.kind === 'doc_open' || event.kind === 'doc_download' || event.kind === 'doc_pages') {
    const name = parseDocumentRef(event.details).documentName;
    if (name) {
      return (
        <p className="event__detail" title={name}>
          {name}
        </p>
      );
    }
  }
  return null;
}

/** "Machine: link scanner", or with the network it came from: "Machine: cloud ... (AWS)". */
function machineReason(event: StoredFeedEvent): string {
  const network = parseNetwork(event.details);
  const reason = reasonWords(event.reason);
  return network === null ? t('popup_machineReason', reason) : t('popup_machineReasonNetwork', [reason, network]);
}

export function EventRow({ event }: { event: StoredFeedEvent }): ReactElement {
  const machine = event.label === 'machine';
  // A click held for a link sweep: shown at once, dimmed, until the worker decides it.
  const checking = isHeld(event);
  const classes = ['event', machine ? 'event--machine' : '', checking ? 'event--checking' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes} data-kind={event.kind} data-label={event.label} data-checking={checking || undefined}>
      <div className="event__line">
        <span className="event__kind">
          {kindWords(event)}
          {checking && (
            <span className="event__checking" title={t('popup_checkingExplained')}>
              {t('popup_checking')}
            </span>
          )}
        </span>
        <span className="event__time">
          <RelativeTime iso={event.at} />
        </span>
      </div>
      <EventDetail event={event} />
      {machine && <p className="event__reason">{machineReason(event)}</p>}
    </div>
  );
}

export function NoEventsRow(): ReactElement {
  return <p className="event event--none">{t('popup_noEventsForFilters')}</p>;
}
