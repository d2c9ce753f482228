// The three catalogues stay in step: same keys, a description for each, the same placeholders,
// and every key the code asks for exists.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, readCatalogue } from '../support/locale-catalogue.ts';

const en = readCatalogue('en');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(entry.name) ? [path] : [];
  });
}

describe('locale catalogues', () => {
  it.each(LOCALES)('%s has exactly the English keys, each with a description and the same placeholders', (locale) => {
    const catalogue = readCatalogue(locale);
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(en[key]?.description?.trim(), `${key} needs a description`).toBeTruthy();
      const names = (text: string): string[] => [...text.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1] ?? '').sort();
      expect(names(entry.message), `${locale} ${key}`).toEqual(names(en[key]?.message ?? ''));
      for (const name of names(entry.message)) expect(entry.placeholders?.[name.toLowerCase()], `${locale} ${key} $${name}$`).toBeTruthy();
    }
  });

  it('defines every message the manifest and the extension code use', () => {
    const root = resolve(import.meta.dirname, '../..');
    const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
    const sources = sourceFiles(join(root, 'src/extension')).map((file) => readFileSync(file, 'utf8'));
    // A key is a catalogue prefix (popup_, options_, compose_ ...) and a name: any string literal
    // of that shape in the extension is a message it will ask for, typed through t() or not.
    const prefixes = [...new Set(Object.keys(en).map((key) => key.split('_')[0]))].join('|');
    const keyLiteral = new RegExp(`['"\`]((?:${prefixes})_[A-Za-z0-9_]+)['"\`]`, 'g');
    const used = new Set([
      ...[...manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1] ?? ''),
      ...sources.flatMap((text) => [...text.matchAll(keyLiteral)].map((m) => m[1] ?? '')),
    ]);
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((key) => key && !(key in en));
    expect(missing).toEqual([]);
  });
});
