// Continuous scroll: one placeholder per page, sized from page 1 before anything else is known so
// the scrollbar is right at once; pages are drawn when they come near the screen and released when
// they leave it, so a 200-page document costs a few canvases. A second observer reports how much
// of each page is on screen, which the page-time tracker turns into the current page.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Translate } from './messages.ts';
import { renderPage, type RenderedPage } from './render-page.ts';

export interface PageListOptions {
  container: HTMLElement;
  pdf: PDFDocumentProxy;
  firstAspect: number;
  t: Translate;
  onPageArea: (page: number, visiblePixels: number) => void;
  onFirstPageRendered: () => void;
  signal: AbortSignal;
}

const AREA_THRESHOLDS = Array.from({ length: 21 }, (_, index) => index / 20);

export class PageList {
  private readonly slots: HTMLElement[] = [];
  private readonly rendered = new Map<number, RenderedPage>();

  private readonly options: PageListOptions;

  constructor(options: PageListOptions) {
    this.options = options;
    const { container, pdf, firstAspect, t } = options;
    for (let page = 1; page <= pdf.numPages; page++) {
      const slot = document.createElement('div');
      slot.className = 'page';
      slot.dataset.page = String(page);
      slot.setAttribute('role', 'img');
      slot.setAttribute('aria-label', t('pageLabel', { page }));
      slot.style.aspectRatio = String(firstAspect);
      container.append(slot);
      this.slots.push(slot);
    }
    this.observe();
    this.draw(1);
  }

  get count(): number {
    return this.slots.length;
  }

  scrollToPage(page: number): void {
    this.slots[Math.min(Math.max(page, 1), this.count) - 1]?.scrollIntoView({ block: 'start' });
  }

  private observe(): void {
    const { signal, onPageArea } = this.options;
    const near = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const page = Number((entry.target as HTMLElement).dataset.page);
          if (entry.isIntersecting) this.draw(page);
          else this.release(page);
        }
      },
      { rootMargin: '150% 0px' },
    );
    const onScreen = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const page = Number((entry.target as HTMLElement).dataset.page);
          onPageArea(page, entry.isIntersecting ? entry.intersectionRect.height : 0);
        }
      },
      { threshold: AREA_THRESHOLDS },
    );
    for (const slot of this.slots) {
      near.observe(slot);
      onScreen.observe(slot);
    }
    let resizeTimer = 0;
    const redrawAll = (): void => {
      for (const page of [...this.rendered.keys()]) {
        this.release(page);
        this.draw(page);
      }
    };
    window.addEventListener(
      'resize',
      () => {
        window.clearTimeout(resizeTimer);
        resizeTimer = window.setTimeout(redrawAll, 200);
      },
      { signal },
    );
    signal.addEventListener('abort', () => {
      near.disconnect();
      onScreen.disconnect();
      for (const page of [...this.rendered.keys()]) this.release(page);
    });
  }

  private draw(page: number): void {
    const slot = this.slots[page - 1];
    if (!slot || this.rendered.has(page)) return;
    const width = slot.clientWidth || this.options.container.clientWidth;
    const drawing = renderPage(this.options.pdf, page, width, window.devicePixelRatio || 1);
    this.rendered.set(page, drawing);
    void drawing.aspect.then((aspect) => {
      slot.style.aspectRatio = String(aspect);
    });
    drawing.done.then(
      () => {
        if (this.rendered.get(page) !== drawing) return;
        slot.replaceChildren(drawing.canvas);
        slot.classList.add('rendered');
        if (page === 1) this.options.onFirstPageRendered();
      },
      () => {
        // Cancelled (scrolled away) or broken page: the placeholder stays, the rest still works.
        if (this.rendered.get(page) === drawing) this.rendered.delete(page);
      },
    );
  }

  private release(page: number): void {
    const drawing = this.rendered.get(page);
    if (!drawing) return;
    drawing.cancel();
    this.rendered.delete(page);
    const slot = this.slots[page - 1];
    slot?.replaceChildren();
    slot?.classList.remove('rendered');
  }
}
