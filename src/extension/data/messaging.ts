// The client side of src/shared/messages.ts for extension pages and content scripts:
// `sendMessage('auth.status', {})` resolves with the typed response or throws MessageError.
// UI code takes a GlintActions parameter so tests hand it a fake instead of Chrome.
import {
  MessageError,
  unwrapResult,
  type GlintActions,
  type MessageEnvelope,
  type MessageName,
  type MessageRequest,
  type MessageResponse,
} from '../../shared/messages.ts';

export async function sendMessage<N extends MessageName>(name: N, request: MessageRequest<N>): Promise<MessageResponse<N>> {
  const envelope: MessageEnvelope<N> = { glint: 1, name, request };
  let raw: unknown;
  try {
    raw = await chrome.runtime.sendMessage(envelope);
  } catch (error) {
    throw new MessageError('internal', `Glint's background is not reachable: ${String(error)}`);
  }
  return unwrapResult<MessageResponse<N>>(raw);
}

export const chromeActions: GlintActions = sendMessage;

/** Port name: while a page holds this port open the background keeps its feed long-poll going. */
export const FEED_WATCH_PORT = 'glint-feed-watch';
const PING_EVERY_MS = 20_000;

/**
 * Keeps the feed live while a page is open (the popup): connects the watch port and pings it,
 * which keeps the service worker alive and long-polling; reconnects if the worker restarts.
 * Returns a function that stops it.
 */
export function watchFeed(): () => void {
  let stopped = false;
  let port: chrome.runtime.Port | null = null;
  const connect = (): void => {
    if (stopped) return;
    try {
      port = chrome.runtime.connect({ name: FEED_WATCH_PORT });
    } catch {
      return; // the extension was reloaded: this page is stale and the feed cannot be watched
    }
    port.onDisconnect.addListener(() => {
      port = null;
      connect();
    });
  };
  connect();
  const timer = setInterval(() => port?.postMessage({ type: 'ping' }), PING_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    port?.disconnect();
  };
}
