// The header row of one tracked email: subject, recipients, counts of human activity (replies
// standing out, auto-replies and bounces quiet), last activity. Clicking it expands the email's
// events; a second button opens the Gmail thread. Under them, where its follow-ups stand.
import type { ReactElement } from 'react';
import { cleanDisplayText } from '../../shared/display-text.ts';
import type { EmailRow as EmailData } from '../data/feed-db.ts';
import { CampaignLines } from './campaign-lines.tsx';
import type { CampaignState } from './campaign-state.ts';
import { t } from '../data/i18n.ts';
import { countWords, type CountName } from './event-words.ts';
import { activityAt, type FeedView } from './feed-filters.ts';
import { RelativeTime } from './relative-time.tsx';

export function recipientsOf(email: Pick<EmailData, 'to' | 'cc'>): string {
  return [...email.to, ...email.cc].join(', ');
}

export interface EmailRowProps {
  email: EmailData;
  view: FeedView;
  expanded: boolean;
  onToggle: (token: string) => void;
  onOpenThread: (token: string) => void;
  /** Where the email's follow-ups stand (campaign-state.ts); none: no line. */
  campaigns?: readonly CampaignState[];
}

export function EmailRow({ email, view, expanded, onToggle, onOpenThread, campaigns = [] }: EmailRowProps): ReactElement {
  const counts: [CountName, number][] = [
    ['open', email.counts.open],
    ['click', email.counts.click],
    // Clicks still checked for a link sweep: neither a person's click nor a machine's yet.
    ['checking', email.checkingCount ?? 0],
    ['docView', email.counts.doc_open],
    ['reply', email.counts.reply],
    // Shown, but quietly (see QUIET_KINDS): they raise no badge and do not reorder the list.
    ['autoReply', email.counts.auto_reply],
    ['bounce', email.counts.bounce],
  ];
  if (view.showMachine) counts.push(['machine', email.machineCount]);
  const human = Object.values(email.counts).some((count) => count > 0) || (email.checkingCount ?? 0) > 0;
  const recipients = recipientsOf(email);
  const cleaned = cleanDisplayText(email.subject);
  const subject = cleaned === '' ? t('popup_noSubject') : cleaned;
  const classes = ['email', email.unreadCount > 0 ? 'email--unread' : '', human ? '' : 'email--machine'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-token={email.token}>
      <button type="button" className="email__toggle" aria-expanded={expanded} onClick={() => onToggle(email.token)}>
        <span className="email__top">
          <bdi className="email__subject" title={subject}>
            {subject}
          </bdi>
          <span className="email__time">
            <RelativeTime iso={activityAt(email, view)} />
          </span>
        </span>
        <span className="email__recipients" title={recipients}>
          {t('popup_recipients', recipients)}
        </span>
        <span className="email__counts">
          {counts
            .filter(([, count]) => count > 0)
            .map(([name, count]) => (
              <span key={name} className={`count count--${name}`}>
                {countWords(name, count)}
              </span>
            ))}
          {email.unreadCount > 0 && <span className="count count--unread">{countWords('new', email.unreadCount)}</span>}
        </span>
      </button>
      {email.gmailThreadId !== null && (
        <button
          type="button"
          className="email__open icon-button"
          aria-label={t('popup_openInGmail')}
          title={t('popup_openInGmail')}
          onClick={() => onOpenThread(email.token)}
        >
          <span aria-hidden="true">↗</span>
        </button>
      )}
      <CampaignLines states={campaigns} />
    </div>
  );
}
