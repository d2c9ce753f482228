// The popup's words: every popup key translated into French and Dutch with the same
// placeholders, plural forms by language, relative times, durations, long documents.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/extension/popup/event-words.ts';
import { EventRow } from '../../src/extension/popup/event-row.tsx';
import { formatRelative } from '../../src/extension/popup/relative-time.tsx';
import { MAX_PAGE_BARS, PageTimeBars, formatDuration, mergePages } from '../../src/extension/ui/page-time-bars.tsx';
import { SyncBanner } from '../../src/extension/popup/sync-banner.tsx';
import type { SyncState } from '../../src/extension/data/feed-db.ts';
import { INITIAL_SYNC_STATE } from '../../src/extension/data/sync-state.ts';
import { readCatalogue, speakPerTest } from '../support/popup-i18n.ts';
import { makeFeedEvent } from '../support/feed-events.ts';

const speak = speakPerTest();

const placeholdersOf = (message: string): string[] => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1] ?? '').sort();

describe('catalogues', () => {
  const en = readCatalogue('en');
  const popupKeys = Object.keys(en).filter((key) => key.startsWith('popup_'));

  it.each(['fr', 'nl'])('%s has every popup string, translated, with the same placeholders', (lang) => {
    const other = readCatalogue(lang);
    expect(popupKeys.length).toBeGreaterThan(50);
    for (const key of popupKeys) {
      const entry = other[key];
      expect(entry, key).toBeDefined();
      expect(entry?.message.trim(), key).not.toBe('');
      expect(placeholdersOf(entry?.message ?? ''), key).toEqual(placeholdersOf(en[key]?.message ?? ''));
      expect(Object.keys(entry?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]?.placeholders ?? {}).sort());
    }
  });

  it('describes every popup string for translators', () => {
    for (const key of popupKeys) expect(en[key]?.description, key).toMatch(/\w/);
  });
});

describe('words in the rep language', () => {
  it('uses each language plural rules for counts', () => {
    speak('en');
    expect(countWords('open', 1, 'en')).toBe('1 open');
    expect(countWords('open', 2, 'en')).toBe('2 opens');
    speak('fr');
    expect(countWords('reply', 1, 'fr')).toBe('1 réponse');
    expect(countWords('reply', 4, 'fr')).toBe('4 réponses');
    expect(countWords('new', 1, 'fr')).toBe('1 nouveau');
    expect(countWords('new', 12, 'fr')).toBe('12 nouveaux');
    speak('nl');
    expect(countWords('click', 3, 'nl')).toBe('3 klikken');
  });

  it('says how long ago in words, and a date after a week', () => {
    speak('en');
    const now = Date.parse('2025-03-10T12:00:00Z');
    expect(formatRelative('2025-03-10T11:59:40Z', now, 'en')).toBe('just now');
    expect(formatRelative('2025-03-10T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(formatRelative('2025-03-10T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2025-03-09T09:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2025-03-10T11:55:00Z', now, 'fr')).toBe('il y a 5 minutes');
    expect(formatRelative('2025-01-02T09:00:00Z', now, 'en')).toBe('Jan 2, 2025');
  });

  it('writes durations with units', () => {
    expect(formatDuration(45, 'en')).toBe('45 sec');
    expect(formatDuration(125, 'en')).toBe('2 min 5 sec');
    expect(formatDuration(3720, 'en')).toBe('1 hr 2 min');
  });
});

describe('page bars of a long document', () => {
  it('adds up a page reported twice and keeps page order', () => {
    expect(
      mergePages([
        { page: 3, seconds: 1 },
        { page: 1, seconds: 2 },
        { page: 3, seconds: 4 },
      ]),
    ).toEqual([
      { page: 1, seconds: 2 },
      { page: 3, seconds: 5 },
    ]);
  });

  it(`draws at most ${MAX_PAGE_BARS} bars and sums up the rest in one line`, () => {
    speak('en');
    const pages = Array.from({ length: 80 }, (_, index) => ({ page: index + 1, seconds: 2 }));
    const html = renderToStaticMarkup(<PageTimeBars pages={pages} totalSeconds={160} />);
    expect(html.match(/page-bars__row/g)).toHaveLength(MAX_PAGE_BARS);
    expect(html).toContain('30 more pages, 1 min');
  });
});

describe('sync banner', () => {
  const failed = (patch: Partial<SyncState>): SyncState => ({ ...INITIAL_SYNC_STATE, status: 'server-error', lastSyncAt: null, ...patch });

  it("says a failure in the rep's language, quoting only the server's own sentence", () => {
    speak('fr');
    const trouble = renderToStaticMarkup(
      <SyncBanner
        sync={failed({ lastError: 'The Glint server at https://g.example failed (HTTP 503)', lastErrorCode: 'server-error' })}
        retrying={false}
        onRetry={() => undefined}
      />,
    );
    expect(trouble).toContain('Le serveur Glint a rencontré un problème. Réessayez dans une minute.');
    expect(trouble).not.toContain('HTTP 503');
    const refused = renderToStaticMarkup(
      <SyncBanner
        sync={failed({ lastError: 'cursor: must be a number', lastErrorCode: 'invalid-request' })}
        retrying={false}
        onRetry={() => undefined}
      />,
    );
    expect(refused).toContain('cursor: must be a number');
    expect(refused).not.toContain('The server refused');
  });
});

describe('a click held for a link sweep', () => {
  it.each([
    ['en', 'checking…', '1 click being checked', '2 clicks being checked'],
    ['fr', 'vérification…', '1 clic en cours de vérification', '2 clics en cours de vérification'],
    ['nl', 'controleren…', '1 klik wordt gecontroleerd', '2 klikken worden gecontroleerd'],
  ])('is shown dimmed with its word and counted apart in %s', (lang, word, one, two) => {
    speak(lang);
    const event = { ...makeFeedEvent({ kind: 'click', linkIndex: 0 }), emailToken: 'em_x', read: 0 as const };
    const held = renderToStaticMarkup(<EventRow event={{ ...event, decideAt: '2025-03-01T10:00:11.000Z' }} />);
    expect(held).toContain('event--checking');
    expect(held).toContain(`<span class="event__checking" title="`);
    expect(held).toContain(`>${word}</span>`);
    const decided = renderToStaticMarkup(<EventRow event={event} />);
    expect(decided).not.toContain('event--checking');
    expect(decided).not.toContain(word);
    expect(countWords('checking', 1, lang)).toBe(one);
    expect(countWords('checking', 2, lang)).toBe(two);
  });
});
