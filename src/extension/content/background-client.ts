// The content script's side of src/shared/messages.ts, without zod (the content script's size
// budget): `sendToBackground('compose.context', {})` resolves with the typed response or throws a
// BackgroundError carrying the serialised error's code. Features take GlintActions, so tests hand
// them a fake.
import type { GlintActions, MessageErrorCode } from '../../shared/messages.ts';

export class BackgroundError extends Error {
  readonly code: MessageErrorCode | 'unreachable';

  constructor(code: MessageErrorCode | 'unreachable', message: string) {
    super(message);
    this.code = code;
    this.name = 'BackgroundError';
  }
}

interface RawResult {
  ok?: unknown;
  value?: unknown;
  error?: { code?: unknown; message?: unknown };
}

export const sendToBackground: GlintActions = async (name, request) => {
  let raw: RawResult | undefined;
  try {
    raw = (await chrome.runtime.sendMessage({ glint: 1, name, request })) as RawResult | undefined;
  } catch (error) {
    // The extension was reloaded or updated: this Gmail tab's content script is an orphan.
    throw new BackgroundError('unreachable', `Glint's background is not reachable: ${String(error)}`);
  }
  if (raw?.ok === true) return raw.value as never;
  const code = typeof raw?.error?.code === 'string' ? (raw.error.code as MessageErrorCode) : 'internal';
  const message = typeof raw?.error?.message === 'string' ? raw.error.message : 'The Glint background did not answer';
  throw new BackgroundError(code, message);
};
