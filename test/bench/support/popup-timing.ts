// In-page timing for bench:feed. Everything is measured inside the popup page with the page's
// own clocks, so the numbers do not include the benchmark's round trips through the protocol.
import type { Page } from 'playwright-core';

/**
 * Added before the popup's scripts run: records (performance.now(), i.e. ms since navigation
 * started) when the first email row is in the DOM and when the frame after it has painted.
 */
export const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.email')) return;
    observer.disconnect();
    window.__glintRowAt = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__glintPaintAt = performance.now(); }, 0));
  }).observe(document, { subtree: true, childList: true });
`;

export interface FirstRowTiming {
  rowMs: number;
  paintMs: number;
}

export async function firstRowTiming(page: Page): Promise<FirstRowTiming> {
  await page.waitForFunction(() => (window as unknown as { __glintPaintAt?: number }).__glintPaintAt !== undefined);
  return page.evaluate(() => {
    const w = window as unknown as { __glintRowAt: number; __glintPaintAt: number };
    return { rowMs: w.__glintRowAt, paintMs: w.__glintPaintAt };
  });
}

// The in-page functions below are strings: a transpiler that keeps function names (esbuild's
// keepNames, as Vitest and tsx use) would wrap named inner functions in a __name() helper that
// does not exist inside the page.

/** Scrolls down until an email row with `subject` is in the DOM (older pages load on the way); ms. */
export async function scrollToEndMs(page: Page, subject: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const wanted = ${JSON.stringify(subject)};
    const feed = document.querySelector('.feed');
    const started = performance.now();
    const found = () => [...document.querySelectorAll('.email__subject')].some((el) => el.textContent === wanted);
    const observer = new MutationObserver(() => {
      if (!found()) return feed.scrollTo(0, feed.scrollHeight); // older emails arrived: keep going
      observer.disconnect();
      resolve(performance.now() - started);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    feed.scrollTo(0, feed.scrollHeight);
  })`);
}

/** Resolves with Date.now() in the page at the moment an email row for `token` is in the DOM. */
export function rowAppearsAt(page: Page, token: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const selector = '.email[data-token=' + ${JSON.stringify(JSON.stringify(token))} + ']';
    if (document.querySelector(selector)) return resolve(Date.now());
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(document.body, { subtree: true, childList: true });
  })`);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;
