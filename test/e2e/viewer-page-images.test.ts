// The server's images of the first pages in headless Chromium, against the real server: the
// recipient sees page 1 as an image while the PDF is still held back (pdf.js cannot have drawn
// anything), then pdf.js's canvas takes the image's place at exactly its position and size, and
// page time is counted from the image on.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { requireChromium } from '../support/chromium.ts';
import { documentLink, uploadPdf } from '../support/docs-recipient.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

let server: TestServer;
let rep: TestUser;
let browser: Browser;
let link: DocumentLinkInfo;

beforeAll(async () => {
  // Fails loudly (with the apt-get command) when Chromium is missing: browser tests never skip.
  const executablePath = requireChromium();
  server = await startServer({ env: { VIEWER_DIR: await buildViewer() } });
  rep = await server.addUser('rep@images.example', { team: 'images', plan: 'team_starter' });
  const document = await uploadPdf(server, rep, 8, 'Proposal.pdf');
  await server.context.docs.pageImages.idle();
  link = await documentLink(server, rep, document.id, {});
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Box = { x: number; y: number; width: number; height: number };

const boxOf = async (page: Page, selector: string): Promise<Box> => {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
};

/** Holds every request for the PDF until `release()`: pdf.js can draw nothing meanwhile. */
async function holdThePdf(page: Page): Promise<{ release: () => void; held: () => number }> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(/\/file$/, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  return { release, held: () => held };
}

describe('first-page images in the viewer', () => {
  it('shows page 1 as an image before pdf.js is ready, then pdf.js’s page in the very same place', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const stylesheets: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'stylesheet') stylesheets.push(request.url());
    });
    const pdf = await holdThePdf(page);
    await page.goto(link.url);

    const image = page.locator('.page[data-page="1"] img.shown');
    await image.waitFor();
    expect(await page.locator('body').getAttribute('data-state')).toBe('preview');
    expect(await page.locator('.page[data-page="1"] canvas').count()).toBe(0);
    expect(await page.locator('#status').textContent()).toBe('');
    expect(await page.locator('#position').textContent()).toBe('Page 1 of 8');
    expect(await page.locator('.page').count()).toBe(8);
    // The image is really drawn (decoded, the server's 960 px), not an empty box.
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
    const before = await boxOf(page, '.page[data-page="1"] img');
    const slotBefore = await boxOf(page, '.page[data-page="1"]');
    const secondBefore = await boxOf(page, '.page[data-page="2"]');
    const marks = await page.evaluate(() => ({
      visible: performance.getEntriesByName('glint:first-visible').length,
      pdfjs: performance.getEntriesByName('glint:first-page').length,
    }));
    expect(marks).toEqual({ visible: 1, pdfjs: 0 });
    // pdf.js has asked for the PDF meanwhile and is still waiting for it.
    await expect.poll(() => pdf.held()).toBeGreaterThan(0);
    expect(await page.locator('body').getAttribute('data-state')).toBe('preview');

    pdf.release();
    await page.locator('body[data-state="ready"]').waitFor();
    await page.locator('.page[data-page="1"] canvas').waitFor();
    expect(await page.locator('.page[data-page="1"] img').count()).toBe(0);
    const after = await boxOf(page, '.page[data-page="1"] canvas');
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(after[key] - before[key]), key).toBeLessThanOrEqual(0.5);
      expect(Math.abs((await boxOf(page, '.page[data-page="1"]'))[key] - slotBefore[key]), key).toBeLessThanOrEqual(0.5);
      expect(Math.abs((await boxOf(page, '.page[data-page="2"]'))[key] - secondBefore[key]), key).toBeLessThanOrEqual(0.5);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // The styles came in the HTML (no request before the first paint) and the CSP let them apply.
    expect(stylesheets).toEqual([]);
    expect(await page.locator('.toolbar').evaluate((bar) => getComputedStyle(bar).position)).toBe('sticky');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts page 1 from the moment its image shows', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const pdf = await holdThePdf(page);
    const beacons: Array<{ final?: boolean; pages?: Array<{ page: number; ms: number }> }> = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/events') && request.method() === 'POST') beacons.push(JSON.parse(request.postData() ?? '{}'));
    });
    await page.goto(link.url);
    // The image is in the HTML; the viewer counts it from when it adopted it (its mark).
    await page.locator('.page[data-page="1"] img.shown').waitFor();
    const shownAt = (await (
      await page.waitForFunction(() => performance.getEntriesByName('glint:first-visible')[0]?.startTime)
    ).jsonValue()) as number;
    // Read the image for a while before pdf.js has anything: that time is page 1's.
    await page.waitForFunction((since) => performance.now() - since > 1500, shownAt);
    pdf.release();
    await page.locator('body[data-state="ready"]').waitFor();
    const closing = page.waitForRequest(
      (request) => request.url().endsWith('/events') && (request.postData() ?? '').includes('"final":true'),
    );
    // The reader leaves (pagehide): the time read is taken in the same instant as the flush.
    const readFor = await page.evaluate((since) => {
      const ms = performance.now() - since;
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      return ms;
    }, shownAt);
    await closing;
    const final = beacons.find((beacon) => beacon.final);
    const pageOne = final?.pages?.find((entry) => entry.page === 1)?.ms ?? 0;
    expect(pageOne).toBeGreaterThanOrEqual(1500);
    expect(Math.abs(pageOne - readFor)).toBeLessThanOrEqual(400);
    await context.close();
  });

  it('paints page 1 from the HTML before the viewer’s script runs, and nothing moves when it does (phone width)', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
    let releaseScript: () => void = () => undefined;
    const scriptHeld = new Promise<void>((resolve) => (releaseScript = resolve));
    await page.route(/\/viewer\/assets\/index-[^/]*\.js$/, async (route) => {
      await scriptHeld;
      await route.continue();
    });
    const pdf = await holdThePdf(page);
    await page.goto(link.url, { waitUntil: 'commit' });

    // No script has run: the image is the server's, drawn (decoded at its 960 px), in its slot.
    const served = page.locator('.page[data-page="1"] img[data-server-page]');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[data-server-page]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    expect(await served.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
    expect(await page.locator('.page').count()).toBe(1);
    expect(await page.locator('#title').textContent()).toBe('Proposal');
    const before = await boxOf(page, '.page[data-page="1"]');
    expect(before.width).toBeGreaterThan(300);
    expect(before.height / before.width).toBeCloseTo(792 / 612, 2);

    releaseScript();
    // The script adopts the image (no second one) and lays out the other seven pages below it.
    await page.locator('.page').nth(7).waitFor({ state: 'attached' });
    expect(await page.locator('.page[data-page="1"] img').count()).toBe(1);
    expect(await page.locator('#position').textContent()).toBe('Page 1 of 8');
    const adopted = await boxOf(page, '.page[data-page="1"]');
    pdf.release();
    await page.locator('.page[data-page="1"] canvas').waitFor();
    const drawn = await boxOf(page, '.page[data-page="1"]');
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(adopted[key] - before[key]), key).toBeLessThanOrEqual(0.5);
      expect(Math.abs(drawn[key] - before[key]), key).toBeLessThanOrEqual(0.5);
    }
    await page.close();
  });
});
