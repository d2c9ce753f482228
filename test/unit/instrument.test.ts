// instrumentEmailHtml() case by case: what gets tracked, how hrefs are read and written back,
// where the pixel goes, what a second pass does, and which options are refused.
import { describe, expect, it } from 'vitest';
import { instrumentEmailHtml, pixelMarkup } from '../../src/shared/instrument.ts';
import { clickUrl, pixelUrl } from '../../src/shared/tracking-urls.ts';
import { BASE, KEY, OPTIONS, TOKEN, decodeClick, glintPixels, ownClicks, rawHrefs } from './instrument-checks.ts';

const PIXEL = pixelMarkup(pixelUrl(BASE, TOKEN));
const run = (html: string): ReturnType<typeof instrumentEmailHtml> => instrumentEmailHtml(html, OPTIONS);
const destinations = (html: string): string[] => ownClicks(html).map((click) => click.destination);

describe('reading hrefs', () => {
  it('signs the decoded URL and writes the tracked one back attribute-escaped', () => {
    const { html, links } = run('<a href="https://x.com/?a=1&amp;b=2&copy=3">x</a>');
    expect(links).toEqual([{ index: 0, url: 'https://x.com/?a=1&b=2&copy=3' }]);
    const href = rawHrefs(html)[0] ?? '';
    expect(href).toMatch(/^https:\/\/glint\.example\.com\/t\/c\/em_\w+\/0\?k=sk_\w+&amp;d=[\w-]+&amp;s=[\w-]+$/);
    expect(decodeClick(href)).toMatchObject({ index: 0, destination: 'https://x.com/?a=1&b=2&copy=3', verified: true });
  });

  it('keeps single quotes, quotes unquoted values, and reads uppercase tags and attributes', () => {
    const { html } = run(`<A HREF='https://a.example/'>a</A> <a href=https://b.example/?q=1&amp;r=2 title=x>b</a>`);
    expect(html.replace(PIXEL, '')).toMatch(/^<A HREF='https:\/\/glint[^']+'>a<\/A> <a href="https:\/\/glint[^"]+" title=x>b<\/a>$/);
    expect(destinations(html)).toEqual(['https://a.example/', 'https://b.example/?q=1&r=2']);
  });

  it('trims whitespace around the URL and drops tabs and newlines inside it, as browsers do', () => {
    const { links } = run('<a href=" \n https://x.com/a\nb\t \r\n">x</a>');
    expect(links).toEqual([{ index: 0, url: 'https://x.com/ab' }]);
  });

  it('serialises IDN hosts and UTF-8 paths the way a browser opens them, keeping the text as is', () => {
    const input = '<p>Café 🎉 <a href="https://bücher.de/été?q=ü">Bücher 📚</a></p>';
    const { html, links } = run(input);
    expect(links).toEqual([{ index: 0, url: 'https://xn--bcher-kva.de/%C3%A9t%C3%A9?q=%C3%BC' }]);
    expect(html.startsWith('<p>Café 🎉 <a href="')).toBe(true);
    expect(html).toContain('">Bücher 📚</a></p>');
  });

  it('gives a repeated destination one index per occurrence', () => {
    const { links } = run('<a href="https://x.com/">1</a><a href="https://x.com/">2</a>');
    expect(links).toEqual([
      { index: 0, url: 'https://x.com/' },
      { index: 1, url: 'https://x.com/' },
    ]);
  });

  it('tracks <area href> and the first of duplicate hrefs, and ignores <base href>', () => {
    const input =
      '<base href="https://base.example/"><map><area href="https://map.example/" shape="rect"></map>' +
      '<a href="https://first.example/" href="https://second.example/">x</a><a href="page.html">rel</a>';
    const { html, links } = run(input);
    expect(links.map((link) => link.url)).toEqual(['https://map.example/', 'https://first.example/']);
    expect(rawHrefs(html).slice(0, 1)).toEqual(['https://base.example/']);
    expect(rawHrefs(html).slice(3)).toEqual(['https://second.example/', 'page.html']);
  });
});

describe('what stays untracked', () => {
  it.each([
    ['mailto', '<a href="mailto:a@b.example?subject=Hi">m</a>'],
    ['tel', '<a href="tel:+3212345678">t</a>'],
    ['sms', '<a href="sms:+3212345678">s</a>'],
    ['an in-page anchor', '<a href="#pricing">p</a>'],
    ['a relative href', '<a href="/pricing">p</a>'],
    ['a protocol-relative href', '<a href="//x.example/">p</a>'],
    ['an empty href', '<a href="">e</a><a href>f</a><a href="   ">g</a>'],
    ['javascript:', '<a href="javascript:alert(1)">j</a><a href="java&#x0A;script:alert(1)">k</a>'],
    ['data:', '<a href="data:text/html,<b>x</b>">d</a>'],
    ['a link without href', '<a name="top" id="top">top</a>'],
    ['a link into Glint itself (document viewer)', `<a href="${BASE}/d/dl_ViewerLinkAAAAAAAAAAAA">doc</a>`],
    [
      'markup inside comments, <style>, <script>, <textarea> and <title>',
      '<title><a href="https://t.example/">t</a></title><style>/*<a href="https://s.example/">*/</style><script>x="<a href=\'https://j.example/\'>"</script><textarea><a href="https://a.example/"></textarea><!-- <a href="https://c.example/"> -->',
    ],
  ])('leaves %s alone', (_, input) => {
    const { html, links } = run(input);
    expect(links).toEqual([]);
    expect(html).toBe(input + PIXEL);
  });

  it('leaves links of the quoted earlier message alone, tracks the rep’s own around it', () => {
    const input =
      '<div dir="ltr"><a href="https://mine.example/">mine</a></div><div class="gmail_quote"><blockquote class="gmail_quote">' +
      '<a href="https://theirs.example/">theirs</a><div><div><a href="https://deep.example/">deep</a></div></div></blockquote>' +
      '</div><blockquote type="cite"><a href="https://apple-quote.example/">apple</a></blockquote>' +
      '<div class="gmail_signature"><a href="https://signature.example/">sig</a></div>';
    const { html } = run(input);
    expect(destinations(html)).toEqual(['https://mine.example/', 'https://signature.example/']);
    expect(html).toContain(`${PIXEL}<div class="gmail_quote">`);
  });

  it('re-signs nothing already tracked: another email’s link stays, one forged with our token is not listed', () => {
    const other = clickUrl(BASE, KEY, 'em_OtherEmailAAAAAAAAAAAAA', 3, 'https://x.com/').replace(/&/g, '&amp;');
    const forged = clickUrl(BASE, { ...KEY, secret: 'Rm9yZ2VkU2VjcmV0Rm9yZ2VkU2VjcmV0Rm9yZ2VkMTI' }, TOKEN, 0, 'https://evil.example/');
    const input = `<a href="${other}">a</a><a href="${forged.replace(/&/g, '&amp;')}">b</a>`;
    const { html, links } = run(input);
    expect(html).toBe(input + PIXEL);
    expect(links).toEqual([]);
  });

  it('tracks the Outlook-only VML button inside a conditional comment', () => {
    const input =
      '<!--[if mso]><v:roundrect href="https://demo.example/" arcsize="10%"><center>Demo</center></v:roundrect><![endif]-->' +
      '<!--[if !mso]><!-- --><a href="https://demo.example/">Demo</a><!--<![endif]-->';
    const { html, links } = run(input);
    expect(links.map((link) => link.url)).toEqual(['https://demo.example/', 'https://demo.example/']);
    expect(html.startsWith('<!--[if mso]><v:roundrect href="https://glint.example.com/t/c/')).toBe(true);
    expect(html.endsWith(`">Demo</a><!--<![endif]-->${PIXEL}`)).toBe(true);
  });
});

describe('where htmlparser2 and browsers read markup differently', () => {
  it('reads an end tag with a quoted ">" as a browser does', () => {
    const input = '<p>x</p></a title="a>b"><a href="https://x.example/">x</a>';
    const { html, links } = run(input);
    expect(links).toEqual([{ index: 0, url: 'https://x.example/' }]);
    expect(html.endsWith(`">x</a>${PIXEL}`)).toBe(true);
  });

  it('touches nothing after a script a browser reads on (`<!-- <script>` inside it)', () => {
    const input = '<p>Hi</p><script><!-- <script></script> --></script><a href="https://x.example/">x</a>';
    expect(run(input).html).toBe(`<p>Hi</p>${PIXEL}<script><!-- <script></script> --></script><a href="https://x.example/">x</a>`);
  });

  it('touches no href and puts no pixel where <svg> makes htmlparser2 miss raw text', () => {
    const input = '<svg><p><style><a href="https://x.example/">';
    expect(run(input).html).toBe(`${PIXEL}${input}`);
  });

  it('reads NUL in an href as U+FFFD, like a browser', () => {
    expect(run('<a href="https://x.example/a\u0000b">x</a>').links).toEqual([{ index: 0, url: 'https://x.example/a%EF%BF%BDb' }]);
  });
});

describe('the pixel', () => {
  it.each([
    ['empty input', '', PIXEL],
    ['plain text', 'Hello, no tags here', `Hello, no tags here${PIXEL}`],
    ['a body', '<html><BODY><p>x</p></BODY>\n</html>', `<html><BODY><p>x</p>${PIXEL}</BODY>\n</html>`],
    ['</html> without </body>', '<html><p>x</p></html>', `<html><p>x</p>${PIXEL}</html>`],
    ['an unterminated comment at the end', '<p>x</p><!-- note', `<p>x</p>${PIXEL}<!-- note`],
    ['an unterminated tag at the end', '<p>x <a href="https://x', `<p>x ${PIXEL}<a href="https://x`],
    ['an unclosed <style>', '<p>x</p><style>p{}', `<p>x</p>${PIXEL}<style>p{}`],
    ['a stray </body> in a comment', '<!-- </body> --><p>x</p>', `<!-- </body> --><p>x</p>${PIXEL}`],
  ])('lands in rendered markup with %s', (_, input, expected) => {
    expect(run(input).html).toBe(expected);
  });

  it('goes before the quote, or before the <br> that separates reply and quote', () => {
    const quote = '<div class="gmail_quote">On Monday, Ann wrote:<blockquote class="gmail_quote">Hi</blockquote></div>';
    expect(run(`<div dir="ltr">Thanks</div>${quote}`).html).toBe(`<div dir="ltr">Thanks</div>${PIXEL}${quote}`);
    expect(run(`<div dir="ltr">Thanks</div><br>\n${quote}`).html).toBe(`<div dir="ltr">Thanks</div>${PIXEL}<br>\n${quote}`);
    expect(run(`<div>Thanks<br></div>${quote}`).html).toBe(`<div>Thanks<br></div>${PIXEL}${quote}`);
    // Apple Mail / Thunderbird quotes too, and only the outermost quote counts.
    const cite = '<blockquote type="cite"><blockquote type="cite">x</blockquote></blockquote>';
    expect(run(`<p>Sure</p>${cite}`).html).toBe(`<p>Sure</p>${PIXEL}${cite}`);
  });

  it('replaces every earlier Glint pixel (any token, server or proxy) and keeps other images', () => {
    const input =
      '<p>Hi</p><img src="https://other-glint.example/t/o/em_OldEmailAAAAAAAAAAAAAA.gif" width="1" height="1">' +
      `<IMG SRC="https://ci3.googleusercontent.com/meips/X=s0-d-e1-ft#${BASE}/t/o/em_OlderEmailAAAAAAAAAAAA.gif">` +
      `<img src="${BASE}/t/o/em_NotAPixelAAAAAAAAAAAAA.png"><img src="https://cdn.example/logo.png">`;
    const expected = `<p>Hi</p><img src="${BASE}/t/o/em_NotAPixelAAAAAAAAAAAAA.png"><img src="https://cdn.example/logo.png">`;
    expect(run(input).html).toBe(expected + PIXEL);
    expect(instrumentEmailHtml(input, { ...OPTIONS, openTracking: false }).html).toBe(expected);
  });
});

describe('a second pass', () => {
  it('returns the same HTML and lists the tracked links again from their URLs', () => {
    const first = run('<html><body><a href="https://a.example/">a</a> <a href="https://b.example/">b</a></body></html>');
    const second = run(first.html);
    expect(second).toEqual(first);
    expect(glintPixels(second.html)).toEqual([PIXEL]);
  });

  it('gives a link added between passes the next index and keeps the earlier ones', () => {
    const first = run('<a href="https://a.example/">a</a><a href="https://b.example/">b</a>');
    const second = run(`<a href="https://new.example/">new</a>${first.html}`);
    expect(ownClicks(second.html).map((click) => click.index)).toEqual([2, 0, 1]);
    expect(second.links).toEqual([
      { index: 0, url: 'https://a.example/' },
      { index: 1, url: 'https://b.example/' },
      { index: 2, url: 'https://new.example/' },
    ]);
  });

  it('lists this email’s tracked links even with click tracking off, since they stay live', () => {
    const first = run('<a href="https://a.example/">a</a>');
    const second = instrumentEmailHtml(`${first.html}<a href="https://b.example/">b</a>`, { ...OPTIONS, clickTracking: false });
    expect(second.links).toEqual([{ index: 0, url: 'https://a.example/' }]);
    expect(second.html).toContain('<a href="https://b.example/">b</a>');
  });
});

describe('options', () => {
  it.each([
    ['a baseUrl that is not a URL', { baseUrl: 'glint' }],
    ['a non-http baseUrl', { baseUrl: 'ftp://glint.example.com' }],
    ['a baseUrl with a query', { baseUrl: 'https://glint.example.com/?x=1' }],
    ['a malformed token', { token: 'em_short' }],
    ['a malformed key id', { signingKey: { ...KEY, kid: 'key1' } }],
    ['a short secret', { signingKey: { ...KEY, secret: 'c2hvcnQ' } }],
  ])('refuses %s, whatever the HTML', (_, override) => {
    expect(() => instrumentEmailHtml('', { ...OPTIONS, ...override })).toThrow(TypeError);
  });

  it('accepts a baseUrl with a path and trailing slash', () => {
    const { html } = instrumentEmailHtml('<a href="https://x.com/">x</a>', { ...OPTIONS, baseUrl: 'https://example.com/glint/' });
    expect(html).toContain('href="https://example.com/glint/t/c/em_');
    expect(html).toContain('src="https://example.com/glint/t/o/em_');
  });
});
