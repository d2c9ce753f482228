// chrome.i18n.getMessage as Chrome does it, from the real public/_locales catalogues, for tests
// that render or check translated strings without a browser.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const LOCALES = ['en', 'fr', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export function readCatalogue(locale: Locale): Record<string, CatalogueEntry> {
  const path = resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, CatalogueEntry>;
}

/** getMessage(key, substitutions) for one locale; '' for an unknown key, like Chrome. */
export function translator(locale: Locale): (key: string, substitutions?: string | string[]) => string {
  const catalogue = readCatalogue(locale);
  return (key, substitutions) => {
    const entry = catalogue[key];
    if (!entry) return '';
    const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    const fill = (text: string): string => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? fill(placeholder.content) : whole;
    });
  };
}
