// The service worker's side of src/shared/messages.ts: checks who is asking, validates the
// request with its zod schema, runs the handler and sends back a result (never a thrown error:
// errors cross the boundary as { code, message }).
import type { z } from 'zod';
import {
  MESSAGE_DEFINITIONS,
  MessageError,
  isMessageName,
  serializeError,
  type MessageName,
  type MessageResponse,
  type MessageResult,
  type SenderKind,
} from '../../shared/messages.ts';

export type MessageHandlers = {
  [N in MessageName]: (request: z.output<(typeof MESSAGE_DEFINITIONS)[N]['request']>) => Promise<MessageResponse<N>>;
};

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

/** Content scripts run only on Gmail (manifest), so anything else claiming to be one is refused. */
const CONTENT_SCRIPT_ORIGINS = new Set(['https://mail.google.com']);

export function senderKind(sender: SenderInfo, extensionId: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const extensionOrigin = `chrome-extension://${extensionId}`;
  const origin = sender.origin ?? (sender.url ? safeOrigin(sender.url) : null);
  if (origin === extensionOrigin) return 'extension-page';
  if (sender.tab && origin !== null && CONTENT_SCRIPT_ORIGINS.has(origin)) return 'content-script';
  return null;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export async function handleMessage(
  handlers: MessageHandlers,
  message: unknown,
  sender: SenderInfo,
  extensionId: string,
): Promise<MessageResult<unknown>> {
  try {
    const envelope = message as { glint?: unknown; name?: unknown; request?: unknown } | null;
    if (!envelope || envelope.glint !== 1 || !isMessageName(envelope.name)) {
      throw new MessageError('unknown-message', 'Unknown message');
    }
    const name = envelope.name;
    const definition = MESSAGE_DEFINITIONS[name];
    const kind = senderKind(sender, extensionId);
    if (kind === null || !(definition.senders as readonly SenderKind[]).includes(kind)) {
      throw new MessageError('forbidden-sender', `${name} is not allowed from here`);
    }
    const parsed = definition.request.safeParse(envelope.request ?? {});
    if (!parsed.success) throw new MessageError('invalid-request', parsed.error.issues.map((issue) => issue.message).join('; '));
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** Registers the listener; must run synchronously at the worker's start (MV3 wake-up events). */
export function listenForMessages(handlers: MessageHandlers): void {
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Not ours (e.g. InboxSDK's own messages): let other listeners answer.
    if (!message || (message as { glint?: unknown }).glint !== 1) return false;
    void handleMessage(handlers, message, sender, chrome.runtime.id).then(sendResponse);
    return true;
  });
}
