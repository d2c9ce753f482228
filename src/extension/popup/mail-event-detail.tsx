// What a reply, an automatic reply or a bounce says under its line in the popup: who wrote and
// where they were on the thread, the first lines of a reply, the day an absent person is back,
// the addresses a bounce failed for. Details that do not parse are ignored, never trusted.
import type { ReactElement } from 'react';
import { parseAutoReplyDetails, parseBounceDetails, parseReplyDetails, type SenderRole } from '../../shared/event-details.ts';
import type { StoredFeedEvent } from '../data/feed-db.ts';
import { t, uiLanguage, type MessageKey } from '../data/i18n.ts';

const ROLE_WORDS: Record<SenderRole, MessageKey> = {
  to: 'popup_senderRole_to',
  cc: 'popup_senderRole_cc',
  other: 'popup_senderRole_other',
};

/** "Sophie Martin <sophie@acme.example>", or the address alone. */
export function senderText(details: { from: string; fromName?: string | undefined }): string {
  const name = details.fromName?.trim();
  return name ? `${name} <${details.from}>` : details.from;
}

/** A YYYY-MM-DD day in the rep's language ("12 Mar 2027"), whatever the rep's time zone. */
export function dayText(isoDay: string): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

function Sender({ from, fromName, senderRole }: { from: string; fromName?: string | undefined; senderRole: SenderRole }): ReactElement {
  const sender = senderText({ from, fromName });
  return (
    <p className="event__detail event__sender" title={sender}>
      {t('popup_mail_from', sender)} <span className="event__role">· {t(ROLE_WORDS[senderRole])}</span>
    </p>
  );
}

export function MailEventDetail({ event }: { event: StoredFeedEvent }): ReactElement | null {
  if (event.kind === 'reply') {
    const details = parseReplyDetails(event.details);
    if (!details) return null;
    return (
      <>
        <Sender {...details} />
        {details.firstLines !== '' && <blockquote className="event__quote">{details.firstLines}</blockquote>}
      </>
    );
  }
  if (event.kind === 'auto_reply') {
    const details = parseAutoReplyDetails(event.details);
    if (!details) return null;
    return (
      <>
        <Sender {...details} />
        {details.returnDate !== null && <p className="event__detail">{t('popup_autoReply_back', dayText(details.returnDate))}</p>}
      </>
    );
  }
  if (event.kind === 'bounce') {
    const details = parseBounceDetails(event.details);
    if (!details || details.bouncedRecipients.length === 0) return null;
    const addresses = details.bouncedRecipients.join(', ');
    return (
      <p className="event__detail" title={addresses}>
        {t('popup_bounce_failed', addresses)}
      </p>
    );
  }
  return null;
}
