// The Gmail content script: builds the environment and starts every feature. Runs at
// document_start so the self-view guard watches images from the first one; InboxSDK loads
// meanwhile (gmail.ts), and compose/message-view features attach when it is ready.
import { t } from '../data/i18n.ts';
import { sendToBackground } from './background-client.ts';
import { composeContextSource } from './compose-context.ts';
import { composeSessions } from './compose-session.ts';
import { startFeatures, type FeatureEnv } from './feature.ts';
import { FEATURES } from './feature-list.ts';
import { createGmailAdapter } from './gmail.ts';
import { DEVELOPMENT_INBOXSDK_APP_ID } from './inboxsdk-app-id.ts';

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

const controller = new AbortController();
const context = composeContextSource(sendToBackground);
const env: FeatureEnv = {
  gmail: createGmailAdapter(import.meta.env.VITE_INBOXSDK_APP_ID || DEVELOPMENT_INBOXSDK_APP_ID, controller.signal),
  actions: sendToBackground,
  context,
  sessions: composeSessions(context),
  now: () => new Date(),
  delay,
  extensionUrl: (path) => chrome.runtime.getURL(path),
  t,
};
void context.refresh();
startFeatures(FEATURES, controller.signal, env);
