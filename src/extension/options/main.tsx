// Options page entry (opens in a tab: manifest options_ui.open_in_tab).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chromeActions } from '../data/messaging.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { OptionsApp } from './options-app.tsx';
import './options.css';

document.documentElement.lang = uiLanguage();
document.title = t('options_title');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OptionsApp actions={chromeActions} requestHostPermission={(pattern) => chrome.permissions.request({ origins: [pattern] })} />
    </StrictMode>,
  );
}
