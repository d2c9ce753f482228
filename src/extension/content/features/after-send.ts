// after-send: once Gmail says the email left, its thread and message ids go to the background
// outbox (registered with the server, retried until acknowledged), then the RFC Message-ID read
// from the message's original source, which the server needs to match replies.
import { defineFeature, type FeatureEnv } from '../feature.ts';
import { parseRfcMessageId } from '../rfc-message-id.ts';

/** Gmail needs a moment before "Show original" knows a just-sent message. */
export const MESSAGE_ID_RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 60_000] as const;

async function readRfcMessageId(env: FeatureEnv, messageId: string, signal: AbortSignal): Promise<string | null> {
  for (const wait of MESSAGE_ID_RETRY_DELAYS_MS) {
    await env.delay(wait, signal);
    try {
      const found = parseRfcMessageId(await env.gmail.fetchOriginalMessage(messageId));
      if (found) return found;
    } catch (error) {
      console.warn('Glint: could not read the original message yet', error);
    }
  }
  return null;
}

export default defineFeature({
  id: 'after-send',
  init(signal, env) {
    env.gmail.onCompose((compose) => {
      compose.onSent(({ threadId, messageId }) => {
        const session = env.sessions.of(compose);
        if (!session.registered) return; // excluded recipients, or Glint failed open
        const { token } = session;
        void env
          .actions('outbox.updateIds', { token, gmailThreadId: threadId, gmailMessageId: messageId })
          .catch((error: unknown) => console.warn('Glint: could not queue the Gmail ids', error));
        void readRfcMessageId(env, messageId, signal)
          .then(async (rfcMessageId) => {
            if (rfcMessageId) await env.actions('outbox.updateIds', { token, rfcMessageId });
          })
          .catch((error: unknown) => {
            if (!signal.aborted) console.warn('Glint: no RFC Message-ID for the sent email', error);
          });
      }, signal);
    }, signal);
  },
});
