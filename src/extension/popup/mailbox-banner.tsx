// A banner at the top of the popup while the server has paused reply tracking (a refused
// password ...): the server's reason, as text, and a way to the options page to fix it.
import type { ReactElement } from 'react';
import type { MailboxWatch } from '../data/mailbox-watch.ts';
import { t } from '../data/i18n.ts';

export interface MailboxBannerProps {
  watch: MailboxWatch | null;
  onOpenSettings: () => void;
}

export function MailboxBanner({ watch, onOpenSettings }: MailboxBannerProps): ReactElement | null {
  if (watch?.status !== 'paused') return null;
  const reason = watch.pausedReason?.trim();
  return (
    <div className="banner banner--mailbox-paused" role="alert" data-testid="mailbox-paused">
      <p className="banner__title">{reason ? t('popup_mailboxPaused', [reason]) : t('popup_mailboxPaused_noReason')}</p>
      <button type="button" className="text-button" onClick={onOpenSettings}>
        {t('popup_mailboxPaused_open')}
      </button>
    </div>
  );
}
