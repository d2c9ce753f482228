// The instrumenter on realistic compose HTML: Gmail new message with a signature table, a reply
// whose quote carries an earlier tracked email, a forward, an Outlook template with conditional
// comments and VML, French/Dutch/Japanese text with IDN links, and malformed markup.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { instrumentEmailHtml, pixelMarkup } from '../../src/shared/instrument.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import { BASE, OPTIONS, TOKEN, decodeClick, glintPixels, ownClicks, rawHrefs, skeleton } from './instrument-checks.ts';

interface FixtureSpec {
  file: string;
  /** Destinations the rep's links must carry, in document order (WHATWG-serialised). */
  tracked: string[];
  /** Raw href values that must come out exactly as they went in. */
  untouched: string[];
  /** The markup the pixel must sit right before; null: at the very end. */
  pixelBefore: string | null;
}

const FIXTURES: FixtureSpec[] = [
  {
    file: 'gmail-new-message.html',
    tracked: [
      'https://www.acme.com/pricing?utm_source=gmail&utm_medium=email&utm_campaign=q3-outreach&utm_content=pricing',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s',
      'https://calendly.com/john-acme/30min',
      // The same destination twice: two indices, so the feed can tell which one was clicked.
      'https://www.acme.com/pricing?utm_source=gmail&utm_medium=email&utm_campaign=q3-outreach&utm_content=pricing',
      'https://www.acme.com/?utm_source=signature',
      'https://www.linkedin.com/in/john-doe-acme/',
      'https://twitter.com/acme',
    ],
    untouched: ['tel:+442071234567', 'mailto:john@acme.com'],
    pixelBefore: null,
  },
  {
    file: 'gmail-reply.html',
    tracked: [
      'https://www.acme.com/case-studies/logistics?ref=reply&lang=nl',
      // The signature below the quote (Gmail's default placement) is the rep's own content.
      'https://www.acme.com/?utm_source=signature&utm_medium=email',
    ],
    untouched: [
      'mailto:pieter@devries-logistiek.nl',
      'https://www.devries-logistiek.nl/over-ons/vloot',
      'https://glint.example.com/t/c/em_EarlierEmailAAAAAAAAAA/0?k=sk_ColleagueKeyAAAAAAAAAA&amp;d=aHR0cHM6Ly93d3cuYWNtZS5jb20vcHJpY2luZz9wbGFuPXRlYW0mc2VhdHM9NQ&amp;s=VqWsBKbZLdNad9-2Z018mA',
    ],
    // On Gmail's blank line before the quote: no extra line where display:block is ignored.
    pixelBefore: '<br><div class="gmail_quote gmail_quote_container">',
  },
  {
    file: 'gmail-forward.html',
    tracked: ['https://events.acme.com/webinar/2024-09?utm_source=forward&utm_medium=email'],
    untouched: [
      'mailto:news@logisticsweekly.eu',
      'https://logisticsweekly.eu/issue/212?utm_source=newsletter&amp;utm_medium=email&amp;mc_cid=5f1a2b&amp;mc_eid=9c8d7e',
      'https://logisticsweekly.eu/articles/cold-chain-2025?utm_source=newsletter&amp;utm_medium=email',
      'https://logisticsweekly.us1.list-manage.com/unsubscribe?u=abc123&amp;id=def456&amp;e=789',
    ],
    pixelBefore: '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message',
  },
  {
    file: 'outlook-template.html',
    tracked: [
      'https://acme.com/reports/q3-2024.pdf?utm_source=outlook&utm_medium=email&utm_content=report',
      'https://acme.com/demo?utm_source=outlook&utm_content=button', // VML button, Outlook only
      'https://acme.com/demo?utm_source=outlook&utm_content=button', // HTML button, everyone else
      'https://acme.com/unsubscribe?u=42&list=q3',
      'https://acme.com/privacy',
    ],
    untouched: [
      'https://title.example/',
      'https://css-comment.example/',
      'https://commented-out.example/',
      'mailto:privacy@acme.com?subject=Q3%20report',
    ],
    pixelBefore: '</BODY>',
  },
  {
    file: 'international.html',
    tracked: [
      'https://www.xn--socit-exemple-ehbb.fr/brochures/%C3%A9t%C3%A9-2024.pdf',
      'https://xn--bcherwrmer-9dbf.nl/zoeken?q=fietsen%20&taal=nl&pagina=2',
      'https://example.com/%F0%9F%8E%89/f%C3%AAte?x=%C3%BC#section-%C3%A9',
      'https://example.be/caf%C3%A9?na%C3%AFef=1&b=%C3%A9',
      'https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?%E3%82%AD%E3%83%BC=%E5%80%A4',
    ],
    untouched: ['tel:+32%202%20555%2012%2034', 'sms:+32475000000'],
    pixelBefore: null,
  },
  {
    file: 'malformed.html',
    tracked: [
      'https://unquoted.example/path?a=1&b=2',
      'https://single.example/?q=%22quoted%22&x=1',
      'https://whitespace.example/spaced',
      'https://spaced-equals.example/',
      'https://late-href.example/x',
      'https://first.example/',
      'https://after-bare-attributes.example/',
      'https://in-table.example/?x=1&y=2&copy=3',
      'https://entities.example/?a=1&amp;b=2%3C3',
      'https://upper.example/Path',
    ],
    untouched: [
      '#top',
      '/relative/path',
      '//protocol-relative.example/',
      'javascript:alert(1)',
      'JaVaScRiPt&#x3a;alert(2)',
      'java&#x09;script:alert(3)',
      'data:text/html,hi',
      'ftp://files.example/',
      'https://second.example/',
      'https://in-textarea.example/',
      'https://in-script.example/',
      'relative-after-base',
      'https://in-comment.example/',
      'https://glint.example.com/d/dl_ViewerLinkAAAAAAAAAAAA',
    ],
    pixelBefore: '<!-- an unterminated comment at the end',
  },
];

const PIXEL = pixelMarkup(pixelUrl(BASE, TOKEN));
const read = (file: string): string => readFileSync(new URL(`../fixtures/compose/${file}`, import.meta.url), 'utf8');

describe.each(FIXTURES)('instrumentEmailHtml on $file', (spec) => {
  const input = read(spec.file);
  const result = instrumentEmailHtml(input, OPTIONS);

  it('adds exactly one pixel, ours, where the rep’s own content ends', () => {
    expect(glintPixels(result.html)).toEqual([PIXEL]);
    if (spec.pixelBefore === null) expect(result.html.endsWith(PIXEL)).toBe(true);
    else expect(result.html).toContain(PIXEL + spec.pixelBefore);
  });

  it('tracks every eligible link with a verifiable signed URL, in document order', () => {
    const clicks = ownClicks(result.html);
    expect(clicks.every((click) => click.verified)).toBe(true);
    expect(clicks.map((click) => click.destination)).toEqual(spec.tracked);
    expect(clicks.map((click) => click.index)).toEqual(spec.tracked.map((_, index) => index));
    expect(result.links).toEqual(spec.tracked.map((url, index) => ({ index, url })));
  });

  it('changes no href except into this email’s tracked links, and leaves the others verbatim', () => {
    const before = rawHrefs(input);
    const after = rawHrefs(result.html);
    expect(after).toHaveLength(before.length);
    after.forEach((href, position) => {
      if (href !== before[position]) expect(decodeClick(href)).toMatchObject({ token: TOKEN, verified: true });
    });
    for (const href of spec.untouched) expect(after).toContain(href);
  });

  it('keeps every other byte of the markup', () => {
    expect(skeleton(result.html)).toBe(skeleton(input));
  });

  it('is idempotent', () => {
    const again = instrumentEmailHtml(result.html, OPTIONS);
    expect(again.html).toBe(result.html);
    expect(again.links).toEqual(result.links);
  });

  it('honours the opt-outs', () => {
    const withoutOldPixels = input.replace(/<img\b[^>]*\/t\/o\/em_[A-Za-z0-9_-]{22}\.gif[^>]*>/g, '');
    const noOpen = instrumentEmailHtml(input, { ...OPTIONS, openTracking: false });
    expect(glintPixels(noOpen.html)).toEqual([]);
    expect(noOpen.links).toEqual(result.links);
    expect(noOpen.html).toBe(result.html.replace(PIXEL, ''));

    const noClick = instrumentEmailHtml(input, { ...OPTIONS, clickTracking: false });
    expect(noClick.links).toEqual([]);
    expect(noClick.html.replace(PIXEL, '')).toBe(withoutOldPixels);
    expect(glintPixels(noClick.html)).toEqual([PIXEL]);

    const neither = instrumentEmailHtml(input, { ...OPTIONS, openTracking: false, clickTracking: false });
    expect(neither).toEqual({ html: withoutOldPixels, links: [] });
  });
});

describe('quoted earlier messages', () => {
  it('drops the earlier email’s pixel, seen through Gmail’s image proxy, so the quote reports no false open', () => {
    const input = read('gmail-reply.html');
    expect(glintPixels(input)).toHaveLength(1);
    expect(glintPixels(input)[0]).toContain('googleusercontent.com/meips/');
    const { html } = instrumentEmailHtml(input, OPTIONS);
    expect(html).not.toContain('em_EarlierEmailAAAAAAAAAA.gif');
    // The earlier email's tracked link is the earlier email's: neither rewrapped nor listed.
    expect(html).toContain('/t/c/em_EarlierEmailAAAAAAAAAA/0?');
  });

  it('keeps third-party tracking pixels in a forwarded newsletter', () => {
    const { html } = instrumentEmailHtml(read('gmail-forward.html'), OPTIONS);
    expect(html).toContain('list-manage.com/track/open.php?u=abc123&amp;id=def456" width="1" height="1">');
  });
});
