// The header row of one tracked email: subject, recipients, counts of human activity, last
// activity. Clicking it expands the email's events; a second button opens the Gmail thread.
import type { ReactElement } from 'react';
import type { EmailRow as EmailData } from '../data/feed-db.ts';
import { t, uiLanguage, type MessageKey } from '../ui/i18n.ts';
import { activityAt, type FeedView } from './feed-filters.ts';
import { RelativeTime } from './relative-time.tsx';

type CountName = 'open' | 'click' | 'docView' | 'reply' | 'machine';
const COUNT_KEYS: Record<CountName, { one: MessageKey; other: MessageKey }> = {
  open: { one: 'popup_count_open_one', other: 'popup_count_open_other' },
  click: { one: 'popup_count_click_one', other: 'popup_count_click_other' },
  docView: { one: 'popup_count_docView_one', other: 'popup_count_docView_other' },
  reply: { one: 'popup_count_reply_one', other: 'popup_count_reply_other' },
  machine: { one: 'popup_count_machine_one', other: 'popup_count_machine_other' },
};

/** "1 open", "3 opens", in the browser language's plural rules ("0 ouverture" in French). */
export function countWords(name: CountName, count: number, language: string = uiLanguage()): string {
  const keys = COUNT_KEYS[name];
  const category = new Intl.PluralRules(language).select(count);
  return t(category === 'one' ? keys.one : keys.other, String(count));
}

export function recipientsOf(email: Pick<EmailData, 'to' | 'cc'>): string {
  return [...email.to, ...email.cc].join(', ');
}

export interface EmailRowProps {
  email: EmailData;
  view: FeedView;
  expanded: boolean;
  onToggle: (token: string) => void;
  onOpenThread: (token: string) => void;
}

export function EmailRow({ email, view, expanded, onToggle, onOpenThread }: EmailRowProps): ReactElement {
  const counts: [CountName, number][] = [
    ['open', email.counts.open],
    ['click', email.counts.click],
    ['docView', email.counts.doc_open],
    ['reply', email.counts.reply],
  ];
  if (view.showMachine) counts.push(['machine', email.machineCount]);
  const human = Object.values(email.counts).some((count) => count > 0);
  const recipients = recipientsOf(email);
  const classes = ['email', email.unreadCount > 0 ? 'email--unread' : '', human ? '' : 'email--machine'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-token={email.token}>
      <button type="button" className="email__toggle" aria-expanded={expanded} onClick={() => onToggle(email.token)}>
        <span className="email__top">
          <span className="email__subject">{email.subject === '' ? t('popup_noSubject') : email.subject}</span>
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
          {email.unreadCount > 0 && <span className="count count--unread">{t('popup_newCount', String(email.unreadCount))}</span>}
        </span>
      </button>
      {email.gmailThreadId !== null && (
        <button type="button" className="email__open icon-button" aria-label={t('popup_openInGmail')} title={t('popup_openInGmail')} onClick={() => onOpenThread(email.token)}>
          <span aria-hidden="true">↗</span>
        </button>
      )}
    </div>
  );
}
