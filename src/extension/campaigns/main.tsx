// Campaigns page entry (a tab, opened from the popup and the options page).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chromeActions } from '../data/messaging.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { CampaignsApp } from './campaigns-app.tsx';
import './campaigns.css';

document.documentElement.lang = uiLanguage();
document.title = t('campaigns_title');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CampaignsApp actions={chromeActions} timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone} />
    </StrictMode>,
  );
}
