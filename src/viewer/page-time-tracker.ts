// Seconds per page, counted only while the tab is visible, for the one page most on screen (the
// one the reader is looking at: counting every partly visible page would report more reading
// time than there was). Pure: the clock, the visibility and the page areas are handed in, so it
// is tested without a browser. Times are cumulative for the visit.
import type { PageMillis } from '../shared/doc-beacons.ts';

export class PageTimeTracker {
  private readonly msByPage = new Map<number, number>();
  private readonly areaByPage = new Map<number, number>();
  private visible: boolean;
  private current: number | null = null;
  private since: number;

  private readonly now: () => number;

  constructor(now: () => number, initiallyVisible: boolean) {
    this.now = now;
    this.visible = initiallyVisible;
    this.since = now();
  }

  /** The tab became visible or hidden (document.visibilityState). */
  setVisible(visible: boolean): void {
    this.accrue();
    this.visible = visible;
  }

  /** How many pixels of `page` are on screen now (IntersectionObserver). */
  setPageArea(page: number, visiblePixels: number): void {
    this.accrue();
    if (visiblePixels > 0) this.areaByPage.set(page, visiblePixels);
    else this.areaByPage.delete(page);
    this.current = this.mostVisible();
  }

  /** The page most on screen; on a tie the earlier page. */
  currentPage(): number | null {
    return this.current;
  }

  /** Cumulative milliseconds per page, the running interval included, pages in order. */
  snapshot(): PageMillis[] {
    this.accrue();
    return [...this.msByPage.entries()].sort(([a], [b]) => a - b).map(([page, ms]) => ({ page, ms: Math.round(ms) }));
  }

  totalMs(): number {
    return this.snapshot().reduce((sum, entry) => sum + entry.ms, 0);
  }

  private mostVisible(): number | null {
    let best: number | null = null;
    let bestArea = 0;
    for (const [page, area] of this.areaByPage) {
      if (area > bestArea || (area === bestArea && best !== null && page < best)) {
        best = page;
        bestArea = area;
      }
    }
    return best;
  }

  private accrue(): void {
    const now = this.now();
    if (this.visible && this.current !== null && now > this.since) {
      this.msByPage.set(this.current, (this.msByPage.get(this.current) ?? 0) + (now - this.since));
    }
    this.since = now;
  }
}
