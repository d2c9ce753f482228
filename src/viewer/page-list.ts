// Continuous scroll: one placeholder per page, sized before anything else is known so the
// scrollbar is right at once; pages are drawn when they come near the screen and released when
// they leave it, so a 200-page document costs a few canvases. A second observer reports how much
// of each page is on screen, which the page-time tracker turns into the current page.
// The first pages may come as images the server drew (page-images): they fill their slots at
// once, before pdf.js has loaded (attach() hands it over), and each is replaced by pdf.js's canvas
// of the same size, or put back while a released page is drawn again. Page 1 may even be in the
// page's HTML (the server put its slot and image there, painted before any script ran): it is
// adopted as it is, never drawn again.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { ViewerPageImage } from '../shared/viewer-config.ts';
import type { Translate } from './messages.ts';
import { renderPage, type RenderedPage } from './render-page.ts';

export interface PageListOptions {
  container: HTMLElement;
  pageCount: number;
  /** Width / height of each slot until pdf.js knows the page. */
  aspectOf: (page: number) => number;
  images: readonly ViewerPageImage[];
  t: Translate;
  onPageArea: (page: number, visiblePixels: number) => void;
  /** Page 1 is on screen for the first time: an image or pdf.js's canvas, whichever came first. */
  onFirstVisible: () => void;
  onFirstPageRendered: () => void;
  signal: AbortSignal;
}

/** Marks page 1's image when the server wrote it into the HTML (viewer-page.ts). */
const SERVED_IMAGE_ATTRIBUTE = 'data-server-page';
const AREA_THRESHOLDS = Array.from({ length: 21 }, (_, index) => index / 20);

export class PageList {
  private readonly slots: HTMLElement[] = [];
  private readonly images = new Map<number, HTMLImageElement>();
  private readonly rendered = new Map<number, RenderedPage>();
  private readonly near = new Set<number>();
  /** Pixels of each page on screen; reported only once page 1 shows something (visible time). */
  private readonly areas = new Map<number, number>();
  private pdf: PDFDocumentProxy | null = null;
  private firstVisible = false;

  private readonly options: PageListOptions;

  constructor(options: PageListOptions) {
    this.options = options;
    for (let page = 1; page <= options.pageCount; page++) this.addSlot(page);
    options.images.forEach((image, index) => this.showImage(index + 1, image));
    this.observe();
  }

  get count(): number {
    return this.slots.length;
  }

  /** pdf.js has the document: it draws the pages near the screen, over their images. */
  attach(pdf: PDFDocumentProxy): void {
    this.pdf = pdf;
    // The stored page count and pdf.js's agree; should they not, pdf.js's wins.
    for (const slot of this.slots.splice(pdf.numPages)) {
      this.nearObserver?.unobserve(slot);
      this.areaObserver?.unobserve(slot);
      slot.remove();
    }
    for (let page = this.slots.length + 1; page <= pdf.numPages; page++) this.observeSlot(this.addSlot(page));
    this.draw(1);
    for (const page of this.near) this.draw(page);
  }

  scrollToPage(page: number): void {
    this.slots[Math.min(Math.max(page, 1), this.count) - 1]?.scrollIntoView({ block: 'start' });
  }

  private addSlot(page: number): HTMLElement {
    const served = page === 1 ? this.options.container.querySelector<HTMLElement>(':scope > .page[data-page="1"]') : null;
    const slot = served ?? document.createElement('div');
    slot.className = 'page';
    slot.dataset.page = String(page);
    slot.setAttribute('role', 'img');
    slot.setAttribute('aria-label', this.options.t('pageLabel', { page }));
    slot.style.aspectRatio = String(this.options.aspectOf(page));
    if (!served) this.options.container.append(slot);
    this.slots.push(slot);
    return slot;
  }

  private showImage(page: number, image: ViewerPageImage): void {
    const slot = this.slots[page - 1];
    if (!slot) return;
    const served = slot.querySelector<HTMLImageElement>(`img[${SERVED_IMAGE_ATTRIBUTE}]`);
    if (served) {
      this.adoptServed(slot, served, image);
      return;
    }
    const img = document.createElement('img');
    img.alt = '';
    img.decoding = 'async';
    img.draggable = false;
    if (page === 1) img.fetchPriority = 'high';
    img.src = image.url;
    this.images.set(page, img);
    slot.style.aspectRatio = String(image.aspect);
    slot.append(img);
    // Shown only once decoded: a half-loaded image would paint in bands.
    img.decode().then(
      () => {
        if (!img.isConnected) return;
        img.classList.add('shown');
        if (page === 1) this.markFirstVisible();
      },
      () => img.remove(),
    );
  }

  /** The server's page 1, on screen since the HTML was painted: it only gets its exact aspect. */
  private adoptServed(slot: HTMLElement, img: HTMLImageElement, image: ViewerPageImage): void {
    this.images.set(1, img);
    slot.style.aspectRatio = String(image.aspect);
    this.markFirstVisible();
  }

  private markFirstVisible(): void {
    if (this.firstVisible) return;
    this.firstVisible = true;
    this.options.onFirstVisible();
    for (const [page, pixels] of this.areas) this.options.onPageArea(page, pixels);
  }

  private nearObserver: IntersectionObserver | null = null;
  private areaObserver: IntersectionObserver | null = null;

  private observeSlot(slot: HTMLElement): void {
    this.nearObserver?.observe(slot);
    this.areaObserver?.observe(slot);
  }

  private observe(): void {
    const { signal, onPageArea } = this.options;
    this.nearObserver = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const page = Number((entry.target as HTMLElement).dataset.page);
          if (entry.isIntersecting) {
            this.near.add(page);
            this.draw(page);
          } else {
            this.near.delete(page);
            this.release(page);
          }
        }
      },
      { rootMargin: '150% 0px' },
    );
    this.areaObserver = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const page = Number((entry.target as HTMLElement).dataset.page);
          const pixels = entry.isIntersecting ? entry.intersectionRect.height : 0;
          this.areas.set(page, pixels);
          // Empty placeholders are not reading time: the clock starts with the first page shown.
          if (this.firstVisible) onPageArea(page, pixels);
        }
      },
      { threshold: AREA_THRESHOLDS },
    );
    for (const slot of this.slots) this.observeSlot(slot);
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
      this.nearObserver?.disconnect();
      this.areaObserver?.disconnect();
      for (const page of [...this.rendered.keys()]) this.release(page);
    });
  }

  private draw(page: number): void {
    const slot = this.slots[page - 1];
    if (!this.pdf || !slot || this.rendered.has(page)) return;
    const width = slot.clientWidth || this.options.container.clientWidth;
    const drawing = renderPage(this.pdf, page, width, window.devicePixelRatio || 1);
    this.rendered.set(page, drawing);
    void drawing.aspect.then((aspect) => {
      slot.style.aspectRatio = String(aspect);
    });
    drawing.done.then(
      () => {
        if (this.rendered.get(page) !== drawing) return;
        slot.replaceChildren(drawing.canvas);
        slot.classList.add('rendered');
        if (page === 1) {
          this.markFirstVisible();
          this.options.onFirstPageRendered();
        }
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
    const image = this.images.get(page);
    slot?.replaceChildren(...(image ? [image] : []));
    slot?.classList.remove('rendered');
  }
}
