// The recipient viewer in headless Chromium: it shows page 1 before the whole PDF has arrived,
// scrolls through pages, and reports seconds per page that match the dwell times of a reader
// (driven with Playwright's clock, so the truth is exact), then flushes with sendBeacon on leave.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/chromium.ts';
import { makePdf } from '../support/make-documents.ts';
import { buildViewer, startViewerServer, type ViewerTestServer } from '../support/viewer-static-server.ts';
import { leave, prepareReader, readPages } from '../support/viewer-reader.ts';

const PAGES = 60;
const THROUGHPUT = 2_000_000; // bytes per second
let browser: Browser;
let server: ViewerTestServer;
let pdfSize = 0;

beforeAll(async () => {
  // Fails loudly (with the apt-get command) when Chromium is missing: browser tests never skip.
  const executablePath = requireChromium();
  const dir = await mkdtemp(join(tmpdir(), 'glint-viewer-test-'));
  const pdf = await makePdf({ pages: PAGES, imageBytesPerPage: 300_000 });
  pdfSize = pdf.length;
  await writeFile(join(dir, 'doc.pdf'), pdf);
  const viewerDir = await buildViewer();
  server = await startViewerServer({
    viewerDir,
    pdfPath: join(dir, 'doc.pdf'),
    pageCount: PAGES,
    allowDownload: true,
    title: 'Q3 <b>plan</b>',
  });
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openViewer(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP: ${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(`${server.url}/d/test`);
  await page.locator('body[data-state="ready"]').waitFor();
  return violations;
}

describe('document viewer in Chromium', () => {
  it('shows page 1 before the whole file has arrived, under the strict CSP, with an inert title', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    // A 16 Mbit/s line: the whole PDF takes about PDF_BYTES / THROUGHPUT seconds to arrive.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: THROUGHPUT,
      uploadThroughput: THROUGHPUT,
    });
    const violations = await openViewer(page);
    const firstPageMs = await page.evaluate(() => performance.getEntriesByName('glint:first-page')[0]?.startTime ?? NaN);
    const wholeFileMs = (pdfSize / THROUGHPUT) * 1000;
    console.log(`first page after ${Math.round(firstPageMs)} ms; the whole file needs ${Math.round(wholeFileMs)} ms`);
    expect(firstPageMs).toBeLessThan(wholeFileMs / 2);
    expect(server.fileStats.statuses).toContain(206);
    expect(violations.filter((text) => text.startsWith('CSP'))).toEqual([]);
    expect(await page.title()).toBe('Q3 <b>plan</b>');
    expect(await page.locator('#title').textContent()).toBe('Q3 <b>plan</b>');
    expect(await page.locator('#position').textContent()).toBe(`Page 1 of ${PAGES}`);
    expect(await page.locator('.page').count()).toBe(PAGES);
    await page.close();
  });

  it('records seconds per page within 1 s of the reader’s dwell times', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await prepareReader(context, page);
    const from = server.beacons.length;
    await openViewer(page);
    const open = await server.waitForBeacon((beacon) => beacon.kind === 'open', from);
    const visit = open.visitId;
    const truth = await readPages(page, [3_000, 8_000, 2_000]);
    // The heartbeat (every 10 s) reported during the 13 s read.
    await server.waitForBeacon((beacon) => beacon.visitId === visit && beacon.kind === 'pages' && !beacon.final, from);
    expect(await page.locator('#position').textContent()).toBe(`Page 3 of ${PAGES}`);
    await leave(page);
    const final = await server.waitForBeacon((beacon) => beacon.visitId === visit && beacon.final, from);
    const seconds = Object.fromEntries(final.pages.map((entry) => [entry.page, entry.ms / 1000]));
    expect(Object.keys(seconds)).toEqual(['1', '2', '3']);
    for (const [pageNumber, ms] of Object.entries(truth)) {
      expect(Math.abs((seconds[pageNumber] ?? 0) - ms / 1000)).toBeLessThanOrEqual(1);
    }
    // Pages 2 and 3 were read entirely under the stopped clock: their times are exact.
    expect([seconds[2], seconds[3]]).toEqual([8, 2]);
    await context.close();
  });

  it('offers the download when allowed: one fetch of the original, no download beacon (the server counts the fetch)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
    const from = server.beacons.length;
    await openViewer(page);
    const open = await server.waitForBeacon((beacon) => beacon.kind === 'open', from);
    const downloading = page.waitForEvent('download');
    await page.locator('#download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Q3 _b_plan_b_.pdf');
    expect(server.fileStats.originals).toEqual([200]);
    // Phone width: the page fills the screen and the canvas is drawn at the device's density.
    const size = await page.locator('.page[data-page="1"] canvas').evaluate((canvas: HTMLCanvasElement) => ({
      css: canvas.getBoundingClientRect().width,
      pixels: canvas.width,
    }));
    expect(size.css).toBeGreaterThan(380);
    expect(size.pixels).toBeGreaterThanOrEqual(Math.floor(size.css * 3) - 1);
    await page.locator('#next').click();
    await page.locator('body[data-current-page="2"]').waitFor();
    expect(await page.locator('#position').textContent()).toBe(`Page 2 of ${PAGES}`);
    expect(await page.locator('#prev').isEnabled()).toBe(true);
    // Leaving flushes the visit: by then every beacon of it has arrived, and none is a download.
    await leave(page);
    await server.waitForBeacon((beacon) => beacon.visitId === open.visitId && beacon.final, from);
    expect(
      server.beacons
        .slice(from)
        .filter((beacon) => beacon.visitId === open.visitId)
        .map((beacon) => beacon.kind),
    ).not.toContain('download');
    await page.close();
  });
});
