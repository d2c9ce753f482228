// The pages a recipient may meet instead of a document or a redirect: in their language.
import { describe, expect, it } from 'vitest';
import { readerLanguage, recipientPage } from '../../../src/server/http/recipient-pages.ts';

describe('readerLanguage', () => {
  it("picks the reader's most wanted language among English, French and Dutch", () => {
    expect(readerLanguage('fr-BE,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(readerLanguage('de-DE,de;q=0.9,nl;q=0.7,en;q=0.5')).toBe('nl');
    expect(readerLanguage('en;q=0.4, nl-BE;q=0.8')).toBe('nl');
    expect(readerLanguage('nl;q=0, fr;q=0.1')).toBe('fr');
  });

  it('falls back to English for no header, other languages or nonsense', () => {
    for (const header of [undefined, '', 'de-DE', '*', ';;;,,,q=x', 'fr;q=abc'.repeat(100)])
      expect(readerLanguage(header), String(header)).toBe('en');
  });
});

describe('recipientPage', () => {
  it('says it in the language, marks the language, and reloads only when asked', () => {
    const dutch = recipientPage('linkNotAvailable', 'nl');
    expect(dutch).toContain('<html lang="nl">');
    expect(dutch).toContain('Deze link is niet beschikbaar');
    expect(dutch).not.toContain('http-equiv="refresh"');
    expect(recipientPage('preparing', 'fr', 5)).toContain('<meta http-equiv="refresh" content="5">');
  });
});
