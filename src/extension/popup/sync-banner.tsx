// A banner above the feed when the background cannot sync: offline (server unreachable) or a
// server error, with when it last worked and a Retry button. The feed below stays readable.
import type { ReactElement } from 'react';
import type { SyncState } from '../data/feed-db.ts';
import { MessageError } from '../../shared/messages.ts';
import { errorText } from '../ui/error-text.ts';
import { t } from '../data/i18n.ts';
import { RelativeTime } from './relative-time.tsx';

export interface SyncBannerProps {
  sync: SyncState;
  retrying: boolean;
  onRetry: () => void;
}

/**
 * The failure in the rep's language where its kind is known (the server's own sentence is quoted
 * as it came: "The server refused the request: ..."); a state written before codes, as it was.
 */
function errorDetail(sync: SyncState): string {
  if (!sync.lastErrorCode) return sync.lastError ?? '';
  return errorText(new MessageError(sync.lastErrorCode, sync.lastError ?? ''));
}

export function SyncBanner({ sync, retrying, onRetry }: SyncBannerProps): ReactElement | null {
  if (sync.status !== 'offline' && sync.status !== 'server-error') return null;
  const offline = sync.status === 'offline';
  return (
    <div className={`banner banner--${sync.status}`} role="status">
      <p className="banner__title">{offline ? t('popup_offline_title') : t('popup_serverError_title')}</p>
      {!offline && sync.lastError && <p className="banner__message">{errorDetail(sync)}</p>}
      <p className="banner__message">
        {sync.lastSyncAt ? (
          <>
            {t('popup_lastSync')} <RelativeTime iso={sync.lastSyncAt} />
          </>
        ) : (
          t('popup_neverSynced')
        )}
      </p>
      <button type="button" className="text-button" disabled={retrying} onClick={onRetry}>
        {retrying ? t('popup_retrying') : t('popup_retry')}
      </button>
    </div>
  );
}
