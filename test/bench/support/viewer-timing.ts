// In-page timing for bench:viewer: each viewer load in a new tab with the cache off (nothing cached),
// read from the viewer's own performance marks, ms since navigation started:
// glint:first-visible (page 1 on screen: the server's image, or pdf.js's canvas when there is
// none) and glint:first-page (pdf.js has drawn page 1: the hand-over). firstPaintMs is the real
// paint of page 1: Element Timing's renderTime of the server's image (painted from the HTML), or,
// for pdf.js's canvas (which Element Timing does not report), the first task after the frame
// that follows the canvas's insertion (requestAnimationFrame, then setTimeout 0).
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface ViewerTimes {
  firstPaintMs: number;
  firstVisibleMs: number;
  pdfjsPageMs: number;
}

export async function newPage(context: BrowserContext, throttle: number | null): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Nothing from the HTTP cache, as for a recipient who never saw the document.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle !== null) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: throttle,
      uploadThroughput: throttle,
    });
  }
  return page;
}

/**
 * The recipient's browser window: each viewer load is a new tab in it, as a click on a link in
 * Gmail opens one. Not a new window per load: Chromium builds the window's own WebUI (the omnibox
 * popup, about a hundred modules) for each, competing with the page for the first second.
 */
export async function openRecipientWindow(browser: Browser): Promise<BrowserContext> {
  return await browser.newContext({ viewport: { width: 1000, height: 800 } });
}

export async function viewerTimes(recipientWindow: BrowserContext, url: string, throttle: number | null = null): Promise<ViewerTimes> {
  const page = await newPage(recipientWindow, throttle);
  try {
    await page.addInitScript(() => {
      const state = window as unknown as { glintCanvasPaint?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('.page[data-page="1"] canvas')) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (state.glintCanvasPaint = performance.now()), 0));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    await page.locator('body[data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => (window as unknown as { glintCanvasPaint?: number }).glintCanvasPaint !== undefined);
    return await page.evaluate(async () => {
      const element = await new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list
            .getEntries()
            .find((item) => (item as PerformanceEntry & { identifier?: string }).identifier === 'glint-page-1');
          if (entry) resolve((entry as PerformanceEntry & { renderTime: number }).renderTime);
        }).observe({ type: 'element', buffered: true });
        setTimeout(() => resolve(NaN), 200);
      });
      const canvas = (window as unknown as { glintCanvasPaint?: number }).glintCanvasPaint ?? NaN;
      return {
        firstPaintMs: Number.isNaN(element) || element === 0 ? canvas : element,
        firstVisibleMs: performance.getEntriesByName('glint:first-visible')[0]?.startTime ?? NaN,
        pdfjsPageMs: performance.getEntriesByName('glint:first-page')[0]?.startTime ?? NaN,
      };
    });
  } finally {
    await page.close();
  }
}

/** Milliseconds the same browser needs to fetch the whole PDF, from a page of the same origin. */
export async function wholeFileMs(browser: Browser, origin: string, fileUrl: string, throttle: number | null = null): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await newPage(context, throttle);
    await page.goto(`${origin}/healthz`);
    return await page.evaluate(async (url) => {
      const start = performance.now();
      const bytes = await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
      if (bytes.byteLength === 0) throw new Error('empty file');
      return performance.now() - start;
    }, fileUrl);
  } finally {
    await context.close();
  }
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** Nearest-rank percentile (p95 of 20 samples is the 19th smallest). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function summary(values: readonly number[]): { median: number; p95: number; min: number; max: number; samples: number[] } {
  return {
    median: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    samples: values.map(round),
  };
}

export { round };
