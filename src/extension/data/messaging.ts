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
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;

/** On the feed-watch port: the page pings; the background says it is watching when it connects. */
export type FeedWatchMessage = { type: 'ping' } | { type: 'watching' };

/** The part of chrome.runtime.Port that watchFeed() uses. */
export interface FeedWatchPort {
  postMessage(message: FeedWatchMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface FeedWatchDeps {
  /** Opens the port; throws when the extension was reloaded under this page. */
  connect(): FeedWatchPort;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const chromeWatchDeps: FeedWatchDeps = {
  connect() {
    const port = chrome.runtime.connect({ name: FEED_WATCH_PORT });
    // Read the error of a refused connection so Chrome does not log it as unchecked.
    port.onDisconnect.addListener(() => void chrome.runtime.lastError);
    return port;
  },
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * Keeps the feed live while a page is open (the popup): connects the watch port and pings it,
 * which keeps the service worker alive and long-polling; reconnects if the worker restarts.
 * When nothing answers (the port drops at once), retries back off from 250 ms doubling to 5 s,
 * and start again at 250 ms once the background has said it is watching.
 * Returns a function that stops it.
 */
export function watchFeed(deps: FeedWatchDeps = chromeWatchDeps): () => void {
  let stopped = false;
  let port: FeedWatchPort | null = null;
  let retry: unknown = null;
  let retryMs = RETRY_FIRST_MS;
  const connect = (): void => {
    retry = null;
    if (stopped) return;
    let opened: FeedWatchPort;
    try {
      opened = deps.connect();
    } catch {
      return; // the extension was reloaded: this page is stale and the feed cannot be watched
    }
    port = opened;
    opened.onMessage.addListener(() => {
      retryMs = RETRY_FIRST_MS; // the background answered: a later drop is a restart, not a refusal
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
      if (stopped) return;
      retry = deps.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    });
  };
  connect();
  const timer = deps.setInterval(() => port?.postMessage({ type: 'ping' }), PING_EVERY_MS);
  return () => {
    stopped = true;
    deps.clearInterval(timer);
    if (retry !== null) deps.clearTimeout(retry);
    port?.disconnect();
    port = null;
  };
}
