// Popup entry: the live feed over the extension's feed database. While the popup is open it
// holds the background's feed-watch port, so the long-poll runs and new events land in Dexie
// (and so on screen) within a second.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { feedDb } from '../data/feed-db.ts';
import { chromeActions, watchFeed } from '../data/messaging.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { PopupApp } from './popup-app.tsx';
import { PopupErrorBoundary } from './popup-error-boundary.tsx';
import './popup.css';

document.documentElement.lang = uiLanguage();
document.title = t('ext_actionTitle');
watchFeed();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PopupErrorBoundary>
        <PopupApp db={feedDb()} actions={chromeActions} openOptions={() => void chrome.runtime.openOptionsPage()} />
      </PopupErrorBoundary>
    </StrictMode>,
  );
}
