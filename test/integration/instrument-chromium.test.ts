// The instrumenter's output as a real browser reads it. Chromium parses input and output: for
// the compose fixtures the two DOMs must be identical node for node, for random markup soup the
// same elements, text and comments, except for hrefs that became this email's signed tracked
// links and exactly one added pixel <img>. Then Chromium renders the fixtures: the pixel is
// fetched once (earlier pixels never), is 1x1, and adds at most one pixel of height.
//
// The soup leaves out <svg>, <math> and <![CDATA[: htmlparser2 neither breaks out of foreign
// content nor reads CDATA as a bogus comment the way browsers do, so there its view and
// Chromium's differ (mail clients strip SVG and MathML; the instrumenter stays conservative:
// no href in raw text is touched, no pixel is put inside foreign content but at the very end).
import { readFileSync, readdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentEmailHtml } from '../../src/shared/instrument.ts';
import { pixelTokenOf, pixelUrl } from '../../src/shared/tracking-urls.ts';
import { BASE, OPTIONS, TOKEN, decodeClick, glintPixels } from '../unit/instrument-checks.ts';
import { FRAGMENTS, random } from '../unit/instrument-fuzz.ts';

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FIXTURE_DIR = new URL('../fixtures/compose/', import.meta.url);
const PIXEL_URL = pixelUrl(BASE, TOKEN);
const SOUP = FRAGMENTS.filter((fragment) => !/svg|math|CDATA/.test(fragment));
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

type DomNode = ['<', string, [string, string][]] | ['>'] | ['t', string] | ['c', string] | ['d', string];
interface ParsedDocument {
  mode: string;
  nodes: DomNode[];
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Chromium's DOM of each document (DOMParser, scripting off, as in a mail client), flattened. */
async function parseInChromium(documents: string[]): Promise<ParsedDocument[]> {
  return page.evaluate((htmls) => {
    return htmls.map((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const nodes: unknown[] = [];
      const walk = (parent: Node): void => {
        for (const node of Array.from(parent.childNodes)) {
          if (node instanceof Element) {
            nodes.push(['<', node.tagName, Array.from(node.attributes).map((a) => [a.name, a.value])]);
            walk(node instanceof HTMLTemplateElement ? node.content : node);
            nodes.push(['>']);
          } else if (node.nodeType === Node.TEXT_NODE) nodes.push(['t', (node as Text).data]);
          else if (node.nodeType === Node.COMMENT_NODE) nodes.push(['c', (node as Comment).data]);
          else if (node.nodeType === Node.DOCUMENT_TYPE_NODE) nodes.push(['d', (node as DocumentType).name]);
        }
      };
      walk(doc);
      return { mode: doc.compatMode, nodes: nodes as never };
    });
  }, documents);
}

const isGlintPixel = (node: DomNode): boolean =>
  node[0] === '<' && node[1] === 'IMG' && node[2].some(([name, value]) => name === 'src' && pixelTokenOf(value.trim()) !== null);

/** Removes Glint pixel elements (returning their srcs) and merges the text nodes they split. */
function withoutPixels(nodes: DomNode[]): { nodes: DomNode[]; pixels: string[] } {
  const kept: DomNode[] = [];
  const pixels: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as DomNode;
    if (isGlintPixel(node) && node[0] === '<') {
      pixels.push(node[2].find(([name]) => name === 'src')?.[1] ?? '');
      i++; // its ['>']
      continue;
    }
    const last = kept.at(-1);
    if (node[0] === 't' && last?.[0] === 't') kept[kept.length - 1] = ['t', last[1] + node[1]];
    else kept.push(node);
  }
  return { nodes: kept, pixels };
}

const blankHrefs = (text: string): string => text.replace(/(\shref\s*=\s*)("[^"]*"|'[^']*'|[^\s>]*)/gi, '$1#');

/** An attribute either kept its value or is an href that became this email's tracked link to it. */
function expectSameAttributes(now: [string, string][], was: [string, string][], label: string): void {
  expect(
    now.map(([name]) => name),
    label,
  ).toEqual(was.map(([name]) => name));
  now.forEach(([name, value], j) => {
    const original = was[j]?.[1] ?? '';
    if (value === original) return;
    expect(name, `${label}: only hrefs change`).toBe('href');
    const click = decodeClick(value);
    expect(click, `${label}: ${original} -> ${value}`).toMatchObject({ token: TOKEN, verified: true });
    expect(click?.destination, label).toBe(new URL(original.trim()).href);
  });
}

/** Node for node, in tree order: for realistic markup the pixel changes nothing else. */
function expectSameTree(input: ParsedDocument, output: ParsedDocument, label: string): void {
  expect(output.mode, label).toBe(input.mode);
  const before = withoutPixels(input.nodes);
  const after = withoutPixels(output.nodes);
  expect(after.pixels, `${label}: exactly one pixel element, ours`).toEqual([PIXEL_URL]);
  expect(after.nodes.length, label).toBe(before.nodes.length);
  after.nodes.forEach((node, i) => {
    const original = before.nodes[i] as DomNode;
    if (node[0] === 'c' && original[0] === 'c') return expect(blankHrefs(node[1]), label).toBe(blankHrefs(original[1]));
    if (node[0] !== '<' || original[0] !== '<') return expect(node, label).toEqual(original);
    expect(node[1], label).toBe(original[1]);
    expectSameAttributes(node[2], original[2], label);
  });
}

// The HTML spec's formatting elements: an unclosed one is cloned ("reconstructed") around the
// next inline content, so an inserted <img> can gain a copy of an earlier unclosed <a> or <b>.
// The same happens to the input's own next text; a clone carries its original's attributes.
const FORMATTING = new Set(['A', 'B', 'BIG', 'CODE', 'EM', 'FONT', 'I', 'NOBR', 'S', 'SMALL', 'STRIKE', 'STRONG', 'TT', 'U']);

/** An href as the URL it opens: this email's tracked links read back, web URLs serialised. */
function opens(href: string): string {
  const click = decodeClick(href);
  if (click?.token === TOKEN && click.verified) return click.destination;
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : href;
  } catch {
    return href;
  }
}

/** Elements as tag plus attributes (hrefs as the URL they open), formatting clones dropped. */
function elementKeys(nodes: DomNode[]): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const node of nodes) {
    if (node[0] !== '<' || ['HTML', 'HEAD', 'BODY'].includes(node[1])) continue;
    const key = JSON.stringify([node[1], node[2].map(([name, value]) => [name, name === 'href' ? opens(value) : value])]);
    if (FORMATTING.has(node[1]) && seen.has(key)) continue;
    seen.add(key);
    keys.push(key);
  }
  return keys;
}

/**
 * For markup soup: the same elements with the same attributes (hrefs: the same URL opened) in
 * the same order, the same text, the same comments, one pixel. Where the input has no <body>
 * yet, the pixel's implied <body> may move a later <style> or comment out of <head> (invisible),
 * so nesting is not compared.
 */
function expectSameContent(input: ParsedDocument, output: ParsedDocument, label: string): void {
  expect(output.mode, label).toBe(input.mode);
  const after = withoutPixels(output.nodes);
  expect(after.pixels, `${label}: exactly one pixel element, ours`).toEqual([PIXEL_URL]);
  const before = withoutPixels(input.nodes);
  // Whitespace collapsed: a removed old pixel can leave a leading space that the parser drops.
  const text = (nodes: DomNode[]): string =>
    nodes
      .map((node) => (node[0] === 't' ? node[1] : ''))
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  const comments = (nodes: DomNode[]): string[] => nodes.flatMap((node) => (node[0] === 'c' ? [blankHrefs(node[1])] : []));
  expect(text(after.nodes), label).toBe(text(before.nodes));
  expect(comments(after.nodes), label).toEqual(comments(before.nodes));
  expect(elementKeys(after.nodes), label).toEqual(elementKeys(before.nodes));
  // Every link of this email in the output is signed by us.
  for (const node of after.nodes) {
    if (node[0] !== '<') continue;
    for (const [name, value] of node[2]) {
      if (name === 'href' && decodeClick(value)?.token === TOKEN) expect(decodeClick(value)?.verified, label).toBe(true);
    }
  }
}

function at(parsed: ParsedDocument[], index: number): ParsedDocument {
  const document = parsed[index];
  if (!document) throw new Error(`Chromium returned no document ${index}`);
  return document;
}

describe('Chromium reads the instrumented HTML as the original plus tracking', () => {
  const fixtures = readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.html'));

  it('on every compose fixture', async () => {
    const inputs = fixtures.map((file) => readFileSync(new URL(file, FIXTURE_DIR), 'utf8'));
    const outputs = inputs.map((html) => instrumentEmailHtml(html, OPTIONS).html);
    const parsed = await parseInChromium([...inputs, ...outputs]);
    fixtures.forEach((file, i) => expectSameTree(at(parsed, i), at(parsed, i + fixtures.length), file));
  });

  it('on random markup soup (fuzz)', async () => {
    const inputs: string[] = [];
    for (let seed = 1; seed <= 800; seed++) {
      const next = random(seed);
      let html = '';
      for (let n = Math.floor(next() * 50); n > 0; n--) html += SOUP[Math.floor(next() * SOUP.length)] ?? '';
      inputs.push(html);
    }
    const outputs = inputs.map((html) => instrumentEmailHtml(html, OPTIONS).html);
    const parsed = await parseInChromium([...inputs, ...outputs]);
    inputs.forEach((html, i) => {
      expectSameContent(at(parsed, i), at(parsed, i + inputs.length), `seed ${i + 1}: ${JSON.stringify(html)}`);
    });
  });
});

interface Rendering {
  height: number;
  pixel: number[] | null;
  fetched: string[];
}

/**
 * Renders in Chromium, in standards mode as Gmail shows a message (a fragment gets a doctype,
 * else the body would stretch to the viewport and hide any gap), every request answered by a
 * 1x1 GIF; records what was fetched.
 */
async function render(html: string, css = ''): Promise<Rendering> {
  const markup = /^\s*<!doctype/i.test(html) ? html : `<!DOCTYPE html><style>${css}</style>${html}`;
  const fetched: string[] = [];
  await page.route('**/*', (route) => {
    fetched.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
  });
  await page.setContent(markup, { waitUntil: 'load' });
  await page.unroute('**/*');
  const measured = await page.evaluate((src) => {
    const box = Array.from(document.images)
      .find((img) => img.src === src)
      ?.getBoundingClientRect();
    return { height: document.body.getBoundingClientRect().height, pixel: box ? [box.width, box.height] : null };
  }, PIXEL_URL);
  return { ...measured, fetched: fetched.sort() };
}

describe('Chromium renders the pixel invisibly', () => {
  it.each(['gmail-new-message.html', 'gmail-reply.html', 'gmail-forward.html', 'outlook-template.html', 'international.html'])(
    'in %s: fetched once instead of any earlier pixel, 1x1, at most 1px taller',
    async (file) => {
      const input = readFileSync(new URL(file, FIXTURE_DIR), 'utf8');
      const before = await render(input);
      const after = await render(instrumentEmailHtml(input, OPTIONS).html);
      expect(after.pixel).toEqual([1, 1]);
      expect(after.height - before.height).toBeLessThanOrEqual(1);
      // Earlier pixels are fetched by their proxied URL (the Glint URL is only after the '#').
      const earlier = glintPixels(input).map((tag) => new URL(/src="([^"]+)"/.exec(tag)?.[1] ?? '').href.replace(/#.*/, ''));
      expect(after.fetched).toEqual([...before.fetched.filter((url) => !earlier.includes(url)), PIXEL_URL].sort());
    },
  );

  it.each(['gmail-reply.html', 'gmail-forward.html'])(
    'in %s: no extra line before the quote even where display:block is ignored (Outlook)',
    async (file) => {
      const input = readFileSync(new URL(file, FIXTURE_DIR), 'utf8');
      const inline = 'img { display: inline !important }';
      const before = await render(input, inline);
      const after = await render(instrumentEmailHtml(input, OPTIONS).html, inline);
      expect(after.height - before.height).toBeLessThanOrEqual(0); // it shares the line of the <br>
    },
  );
});
