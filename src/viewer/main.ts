// The recipient's document viewer: reads the link's config from the page, starts page-time
// reporting, asks for an email when the rep wants one, shows the server's images of the first
// pages at once, loads the PDF by ranges and hands each page over to pdf.js. When the server wrote
// page 1 into the HTML, it is on screen before this runs: nothing here may move it, and the work
// waits until it has been painted.
import { encodeBase64Url } from '../shared/base64url.ts';
import { DOC_HEARTBEAT_MS } from '../shared/doc-tracking-config.ts';
import { cleanDisplayText } from '../shared/display-text.ts';
import { beaconTransport } from './beacon-transport.ts';
import { askForEmail } from './email-gate.ts';
import { pickLanguage } from '../shared/reader-language.ts';
import { translator } from './messages.ts';
import { PageList } from './page-list.ts';
import { PageTimeTracker } from './page-time-tracker.ts';
import { readViewerConfig } from './read-config.ts';
import { createToolbar, type Toolbar } from './toolbar.ts';
import { attachVisitReporting, VisitReporter } from './visit-reporter.ts';
import './viewer.css';

function mintVisitId(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Resolves after the next frame was painted (a task queued from requestAnimationFrame runs after
 * it); at once in a background tab, which paints nothing and would otherwise hold the visit back.
 */
const afterNextPaint = (): Promise<void> =>
  document.visibilityState === 'visible'
    ? new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    : Promise.resolve();

async function start(): Promise<void> {
  const servedPage = document.querySelector('img[data-server-page]') !== null;
  if (servedPage) await afterNextPaint();
  const t = translator(pickLanguage(navigator.languages));
  document.documentElement.lang = pickLanguage(navigator.languages);
  const status = document.getElementById('status') as HTMLElement;
  const config = readViewerConfig(document);
  if (!config) {
    status.textContent = t('loadFailed');
    document.body.dataset.state = 'error';
    return;
  }
  const title = cleanDisplayText(config.title);
  document.title = title;
  (document.getElementById('title') as HTMLElement).textContent = title;
  const lifetime = new AbortController();
  const visitId = mintVisitId();
  const tracker = new PageTimeTracker(() => performance.now(), document.visibilityState === 'visible');
  const reporter = new VisitReporter(visitId, tracker, beaconTransport(config.eventsUrl));
  if (config.identifyUrl) await askForEmail(document, t, config.identifyUrl, visitId);

  // Page 1 is already there: a "Loading" line above it would push it down.
  if (!servedPage) status.textContent = t('loading');
  reporter.open();
  attachVisitReporting(tracker, reporter, { document, window, heartbeatMs: DOC_HEARTBEAT_MS, signal: lifetime.signal });
  // pdf.js (most of the viewer's weight) loads as its own chunk: the page images need none of it.
  const opening = import('./pdf-document.ts').then(({ openPdf }) => openPdf(config.fileUrl).promise);
  const container = document.getElementById('pages') as HTMLElement;
  let toolbar: Toolbar | null = null;
  const showPages = (pageCount: number, aspectOf: (page: number) => number): PageList => {
    const pages: PageList = new PageList({
      container,
      pageCount,
      aspectOf,
      images: config.pageImages,
      t,
      signal: lifetime.signal,
      onPageArea: (page, pixels) => {
        tracker.setPageArea(page, pixels);
        const current = tracker.currentPage();
        if (current !== null && String(current) !== document.body.dataset.currentPage) {
          document.body.dataset.currentPage = String(current);
          toolbar?.showPage(current);
        }
      },
      onFirstVisible: () => {
        performance.mark('glint:first-visible');
        status.textContent = '';
        if (document.body.dataset.state === 'loading') document.body.dataset.state = 'preview';
      },
      onFirstPageRendered: () => {
        if (document.body.dataset.state === 'ready') return;
        performance.mark('glint:first-page');
        status.textContent = '';
        document.body.dataset.state = 'ready';
      },
    });
    toolbar = createToolbar({
      doc: document,
      t,
      pageCount,
      downloadUrl: config.downloadUrl,
      goTo: (page) => pages.scrollToPage(page),
      signal: lifetime.signal,
    });
    return pages;
  };

  // With the server's images of the first pages, the pages are laid out and shown now.
  const first = config.pageImages[0];
  let pages = first ? showPages(config.pageCount, (page) => (config.pageImages[page - 1] ?? first).aspect) : null;
  const pdf = await opening;
  if (!pages) {
    const base = (await pdf.getPage(1)).getViewport({ scale: 1 });
    pages = showPages(pdf.numPages, () => base.width / base.height);
  }
  pages.attach(pdf);
}

start().catch((error: unknown) => {
  console.error(error);
  const status = document.getElementById('status');
  if (status) status.textContent = translator(pickLanguage(navigator.languages))('loadFailed');
  document.body.dataset.state = 'error';
});
