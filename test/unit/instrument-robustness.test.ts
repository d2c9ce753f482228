// The instrumenter never breaks a send: any string goes in, valid markup and a registrable link
// list come out; a 1 MB body goes through; link limits match what the server accepts.
import { describe, expect, it } from 'vitest';
import { emailRegistrationSchema } from '../../src/shared/api-schemas.ts';
import { MAX_TRACKED_LINKS, instrumentEmailHtml, pixelMarkup } from '../../src/shared/instrument.ts';
import { clickUrl, parseClickParts, pixelUrl } from '../../src/shared/tracking-urls.ts';
import { BASE, KEY, OPTIONS, TOKEN, glintPixels, ownClicks } from './instrument-checks.ts';
import { FRAGMENTS, random } from './instrument-fuzz.ts';

const PIXEL = pixelMarkup(pixelUrl(BASE, TOKEN));

function fragmentSoup(next: () => number, length: number): string {
  let html = '';
  for (let i = 0; i < length; i++) html += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? '';
  return html;
}

function unicodeGarbage(next: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(next() * 0x10000));
  return text;
}

/** What a registration of this result would send; the server's schema must accept it. */
const registrable = (links: { index: number; url: string }[]): boolean =>
  emailRegistrationSchema.safeParse({ token: TOKEN, links }).success;

describe('any string input', () => {
  it('never throws, stays idempotent, differs from the no-pixel output by the pixel only (fuzz)', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const input = seed % 4 === 0 ? unicodeGarbage(next, Math.floor(next() * 300)) : fragmentSoup(next, Math.floor(next() * 60));
      const context = `seed ${seed}: ${JSON.stringify(input)}`;
      const first = instrumentEmailHtml(input, OPTIONS);
      const second = instrumentEmailHtml(first.html, OPTIONS);
      expect(second.html, context).toBe(first.html);
      expect(second.links, context).toEqual(first.links);
      expect(registrable(first.links), context).toBe(true);
      // The pixel is one inert insertion: taking it out again gives the no-open-tracking result.
      const noPixel = instrumentEmailHtml(input, { ...OPTIONS, openTracking: false });
      expect(first.html.replace(PIXEL, ''), context).toBe(noPixel.html);
      expect(instrumentEmailHtml(first.html, { ...OPTIONS, openTracking: false }).html, context).toBe(noPixel.html);
    }
  });
});

describe('limits', () => {
  it('handles a 1 MB body with thousands of links', () => {
    const paragraph =
      '<div dir="ltr">Bonjour, voici le <a href="https://acme.example/p?utm_source=gmail&amp;utm_medium=email&amp;n=N">lien N</a> ' +
      'et <a href="mailto:sales@acme.example">nous écrire</a> — <b>Été 2024</b> 🎉 &nbsp;<a href="https://acme.example/docs/N">docs</a></div>\n';
    const parts: string[] = [];
    let size = 0;
    for (let n = 0; size < 1_048_576; n++) {
      const part = paragraph.replaceAll('N', String(n));
      parts.push(part);
      size += part.length;
    }
    const input = `<html><body>${parts.join('')}</body></html>`;
    const started = performance.now();
    const result = instrumentEmailHtml(input, OPTIONS);
    console.log(`instrumented ${input.length} chars in ${Math.round(performance.now() - started)} ms`);
    expect(result.links).toHaveLength(MAX_TRACKED_LINKS);
    expect(glintPixels(result.html)).toEqual([PIXEL]);
    expect(result.html.endsWith(`${PIXEL}</body></html>`)).toBe(true);
    expect(registrable(result.links)).toBe(true);
  });

  it('tracks the first 1000 links only, which is what a registration may carry', () => {
    const input = Array.from({ length: 1200 }, (_, n) => `<a href="https://x.example/${n}">${n}</a>`).join('');
    const { html, links } = instrumentEmailHtml(input, OPTIONS);
    expect(links).toHaveLength(1000);
    expect(links.at(-1)).toEqual({ index: 999, url: 'https://x.example/999' });
    expect(html).toContain('<a href="https://x.example/1000">1000</a>');
    expect(ownClicks(html)).toHaveLength(1000);
    expect(registrable(links)).toBe(true);
  });

  it('tracks no link past index 9999, the largest a click URL may carry', () => {
    expect(parseClickParts(TOKEN, '9999', { k: KEY.kid, d: 'aHR0cHM6Ly94LmNvbS8', s: 'A'.repeat(22) })).not.toBeNull();
    expect(parseClickParts(TOKEN, '10000', { k: KEY.kid, d: 'aHR0cHM6Ly94LmNvbS8', s: 'A'.repeat(22) })).toBeNull();
    const last = clickUrl(BASE, KEY, TOKEN, 9999, 'https://last.example/').replace(/&/g, '&amp;');
    const input = `<a href="${last}">last</a><a href="https://new.example/">new</a>`;
    const { html, links } = instrumentEmailHtml(input, OPTIONS);
    expect(links).toEqual([{ index: 9999, url: 'https://last.example/' }]);
    expect(html).toBe(`${input}${PIXEL}`);
  });

  it('leaves a destination longer than a registration accepts untracked', () => {
    const long = `https://x.example/?q=${'a'.repeat(8200)}`;
    const { links } = instrumentEmailHtml(`<a href="${long}">long</a><a href="https://ok.example/">ok</a>`, OPTIONS);
    expect(links).toEqual([{ index: 0, url: 'https://ok.example/' }]);
  });
});
