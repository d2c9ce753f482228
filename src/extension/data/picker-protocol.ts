// How the picker page (an extension page framed in a Gmail modal) and the compose's content
// script talk: the page is opened with the compose's email token in its URL fragment, and posts
// small messages to its parent. The content script accepts them only from that frame and the
// extension's origin (gmail.ts) and validates them here. Dependency-free: both sides import it.

/** The picker's page, relative to the extension root (HTML pages keep their source path). */
export const PICKER_PAGE = 'src/extension/ui/picker/index.html';

export type PickerMessage =
  | { glintPicker: 1; type: 'insert'; url: string; title: string }
  | { glintPicker: 1; type: 'close' };

export function pickerUrl(pageUrl: string, emailToken: string): string {
  return `${pageUrl}#${new URLSearchParams({ emailToken }).toString()}`;
}

export function emailTokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('emailToken');
  return token && /^em_[A-Za-z0-9_-]{22}$/.test(token) ? token : null;
}

const MAX_TITLE = 300;

export function parsePickerMessage(data: unknown): PickerMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message['glintPicker'] !== 1) return null;
  if (message['type'] === 'close') return { glintPicker: 1, type: 'close' };
  if (message['type'] !== 'insert') return null;
  const { url, title } = message;
  if (typeof url !== 'string' || typeof title !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const text = title.trim().slice(0, MAX_TITLE);
  return { glintPicker: 1, type: 'insert', url: parsed.href, title: text === '' ? parsed.href : text };
}
