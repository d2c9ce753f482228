// Picker entry: an extension page that Gmail's modal frames (content/features/content-button.ts).
// The compose's email token comes in the URL fragment; links go back to the compose by
// postMessage to Gmail's origin only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { authStorage } from '../../data/auth-state.ts';
import { chromeActions } from '../../data/messaging.ts';
import { chromeArea } from '../../data/storage.ts';
import { t, uiLanguage } from '../../data/i18n.ts';
import { extensionPickerApi } from './picker-api.ts';
import { PickerApp } from './picker-app.tsx';
import { emailTokenOf, type PickerMessage } from '../../data/picker-protocol.ts';
import './picker.css';

const GMAIL_ORIGIN = 'https://mail.google.com';

document.documentElement.lang = uiLanguage();
document.title = t('compose_pickerTitle');

const storage = authStorage(chromeArea(chrome.storage.local));
const api = extensionPickerApi(chromeActions, () => storage.auth.read());
const post = (message: PickerMessage): void => window.parent.postMessage(message, GMAIL_ORIGIN);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PickerApp api={api} emailToken={emailTokenOf(location.hash)} post={post} />
    </StrictMode>,
  );
}
