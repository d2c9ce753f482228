// Injected into the stand-in Gmail page as a content script of the real extension (the test adds
// this bundle to a copy of the build and runs it with chrome.scripting): the real compose features,
// the real background messaging and chrome.i18n, over the stand-in adapter instead of InboxSDK.
import { sendToBackground } from '../../../src/extension/content/background-client.ts';
import { composeContextSource } from '../../../src/extension/content/compose-context.ts';
import { composeSessions } from '../../../src/extension/content/compose-session.ts';
import { startFeatures, type FeatureEnv } from '../../../src/extension/content/feature.ts';
import afterSend from '../../../src/extension/content/features/after-send.ts';
import followUp from '../../../src/extension/content/features/follow-up.ts';
import instrumentOnSend from '../../../src/extension/content/features/instrument-on-send.ts';
import trackingToggle from '../../../src/extension/content/features/tracking-toggle.ts';
import { t } from '../../../src/extension/data/i18n.ts';
import { standInGmail } from './standin-adapter.ts';

const controller = new AbortController();
const context = composeContextSource(sendToBackground);
const env: FeatureEnv = {
  gmail: standInGmail(document),
  actions: sendToBackground,
  context,
  sessions: composeSessions(context),
  now: () => new Date(),
  delay: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    }),
  extensionUrl: (path) => chrome.runtime.getURL(path),
  t,
};
void context.refresh().then(() => {
  startFeatures([trackingToggle, followUp, instrumentOnSend, afterSend], controller.signal, env);
  document.body.dataset['glintStandin'] = 'ready';
});
