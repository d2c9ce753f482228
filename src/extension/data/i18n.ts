// `t(key, substitutions?)`: every UI string goes through chrome.i18n (en, fr, nl in
// public/_locales). Keys are typed from the English catalogue, so a missing or misspelt key is a
// compile error, not a blank label.
import type enMessages from '../../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof enMessages;

/** Translates `key`; `substitutions` fill the message's $1..$9 placeholders. */
export function t(key: MessageKey, substitutions?: string | readonly string[]): string {
  const subs = typeof substitutions === 'string' ? [substitutions] : substitutions ? [...substitutions] : undefined;
  const text = globalThis.chrome?.i18n?.getMessage(key, subs) ?? '';
  // An empty answer means the catalogue lacks the key: show the key so it gets noticed.
  return text === '' ? key : text;
}

/** The browser's UI language (BCP 47), for Intl formatters. */
export function uiLanguage(): string {
  return globalThis.chrome?.i18n?.getUILanguage() ?? 'en';
}
