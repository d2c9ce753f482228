// Title bar: how many new events, "Mark all read" (clears the toolbar badge), the campaigns page
// (a new tab) and settings.
import type { ReactElement } from 'react';
import { t } from '../data/i18n.ts';
import { countWords } from './event-words.ts';

export interface PopupHeaderProps {
  unread: number;
  busy: boolean;
  onMarkAllRead: (() => void) | null;
  onOpenSettings: () => void;
  /** Signed in: a link to the campaigns page. */
  showCampaigns?: boolean;
}

/** The campaigns page, beside the popup's own page in the built extension. */
export const CAMPAIGNS_PAGE_FROM_POPUP = '../campaigns/index.html';

export function PopupHeader({ unread, busy, onMarkAllRead, onOpenSettings, showCampaigns = false }: PopupHeaderProps): ReactElement {
  return (
    <header className="header">
      <h1 className="header__title">{t('ext_name')}</h1>
      {unread > 0 && <span className="header__unread">{countWords('new', unread)}</span>}
      <span className="header__actions">
        {onMarkAllRead && (
          <button type="button" className="text-button" disabled={unread === 0 || busy} onClick={onMarkAllRead}>
            {t('popup_markAllRead')}
          </button>
        )}
        {showCampaigns && (
          <a className="text-button" href={CAMPAIGNS_PAGE_FROM_POPUP} target="_blank" rel="noopener">
            {t('popup_openCampaigns')}
          </a>
        )}
        <button type="button" className="icon-button" aria-label={t('popup_settings')} title={t('popup_settings')} onClick={onOpenSettings}>
          <span aria-hidden="true">⚙</span>
        </button>
      </span>
    </header>
  );
}
