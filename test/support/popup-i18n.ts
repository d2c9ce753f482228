// chrome.i18n for React components rendered in Node (unit tests): reads the real catalogues in
// public/_locales and applies Chrome's substitution rules ($NAME$ placeholders -> $1..$9).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';

interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, CatalogueEntry>;

export function readCatalogue(lang: string): Catalogue {
  const path = resolve(import.meta.dirname, '../../public/_locales', lang, 'messages.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
}

export function formatMessage(entry: CatalogueEntry, substitutions: readonly string[]): string {
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? placeholder.content : whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
}

/** Installs globalThis.chrome.i18n speaking `lang`; returns a function that removes it. */
export function installI18n(lang = 'en'): () => void {
  const catalogue = readCatalogue(lang);
  const previous = (globalThis as { chrome?: unknown }).chrome;
  (globalThis as { chrome?: unknown }).chrome = {
    i18n: {
      getUILanguage: () => lang,
      getMessage: (key: string, subs?: string | string[]) => {
        const entry = catalogue[key];
        if (!entry) return '';
        return formatMessage(entry, typeof subs === 'string' ? [subs] : (subs ?? []));
      },
    },
  };
  return () => {
    (globalThis as { chrome?: unknown }).chrome = previous;
  };
}

/**
 * For a test file's top level: returns speak(lang), which installs chrome.i18n speaking `lang`
 * (replacing any language installed before); after each test the previous chrome is back.
 */
export function speakPerTest(): (lang: string) => void {
  let uninstall: (() => void) | null = null;
  afterEach(() => {
    uninstall?.();
    uninstall = null;
  });
  return (lang) => {
    uninstall?.();
    uninstall = installI18n(lang);
  };
}
