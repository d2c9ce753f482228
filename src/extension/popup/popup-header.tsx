// Title bar: how many new events, "Mark all read" (clears the toolbar badge) and settings.
import type { ReactElement } from 'react';
import { t } from '../data/i18n.ts';
import { countWords } from './event-words.ts';

export interface PopupHeaderProps {
  unread: number;
  busy: boolean;
  onMarkAllRead: (() => void) | null;
  onOpenSettings: () => void;
}

export function PopupHeader({ unread, busy, onMarkAllRead, onOpenSettings }: PopupHeaderProps): ReactElement {
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
        <button type="button" className="icon-button" aria-label={t('popup_settings')} title={t('popup_settings')} onClick={onOpenSettings}>
          <span aria-hidden="true">⚙</span>
        </button>
      </span>
    </header>
  );
}
