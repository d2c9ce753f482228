// A reader in the document viewer, driven through Playwright's clock: the clock runs while the
// viewer loads (pdf.js needs its timers), then stops, and each page is read for an exact number of
// milliseconds (clock.runFor) before moving on with the viewer's own "next page" key. Returns the
// truth to compare the recorded page times with.
import type { BrowserContext, Page } from 'playwright-core';

interface TruthWindow extends Window {
  pageOneOnScreenAt: number;
}

/**
 * Runs in the page: notes (on the page's clock) when page 1 first shows something a reader can
 * read, a drawn canvas or a decoded image in its slot at the top of the screen, independently
 * of the viewer's own marks.
 */
function recordWhenPageOneIsOnScreen(): void {
  const found = new MutationObserver(() => {
    const shown = document.querySelector('.page[data-page="1"] canvas, .page[data-page="1"] img.shown');
    if (!shown) return;
    found.disconnect();
    const truthWindow = window as unknown as TruthWindow;
    truthWindow.pageOneOnScreenAt ||= performance.now();
  });
  found.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
}

/** Installs the clock on the context and the page-1 observer on the page; call before opening the viewer. */
export async function prepareReader(context: BrowserContext, page: Page): Promise<void> {
  await context.clock.install();
  await page.addInitScript(recordWhenPageOneIsOnScreen);
}

/**
 * Reads pages 1..dwells.length of a loaded viewer for dwells[i] ms each, then leaves the page
 * (pagehide). Returns the true milliseconds per page: page 1 also had the time from its first
 * appearance until the clock stopped.
 */
export async function readPages(page: Page, dwells: readonly number[]): Promise<Record<number, number>> {
  // A little ahead of the page's time, which keeps running until the pause lands.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 500));
  const beforePause = await page.evaluate(() => performance.now() - (window as unknown as TruthWindow).pageOneOnScreenAt);
  const truth: Record<number, number> = {};
  for (const [index, dwell] of dwells.entries()) {
    const pageNumber = index + 1;
    if (pageNumber > 1) {
      await page.keyboard.press('j');
      await page.locator(`body[data-current-page="${pageNumber}"]`).waitFor();
    }
    await page.clock.runFor(dwell);
    truth[pageNumber] = dwell + (pageNumber === 1 ? beforePause : 0);
  }
  return truth;
}

/** The reader leaves: navigating away fires pagehide, where the viewer flushes with sendBeacon. */
export async function leave(page: Page): Promise<void> {
  await page.goto('about:blank');
}
