// The recipient's document viewer: reads the link's config from the page, starts page-time
// reporting, asks for an email when the rep wants one, loads the PDF by ranges and shows it.
import { encodeBase64Url } from '../shared/base64url.ts';
import { DOC_HEARTBEAT_MS } from '../shared/doc-tracking-config.ts';
import { cleanDisplayText } from '../shared/display-text.ts';
import { beaconTransport } from './beacon-transport.ts';
import { askForEmail } from './email-gate.ts';
import { pickLanguage } from '../shared/reader-language.ts';
import { translator } from './messages.ts';
import { PageList } from './page-list.ts';
import { PageTimeTracker } from './page-time-tracker.ts';
import { openPdf } from './pdf-document.ts';
import { readViewerConfig } from './read-config.ts';
import { createToolbar } from './toolbar.ts';
import { attachVisitReporting, VisitReporter } from './visit-reporter.ts';
import './viewer.css';

function mintVisitId(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

async function start(): Promise<void> {
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

  status.textContent = t('loading');
  reporter.open();
  attachVisitReporting(tracker, reporter, { document, window, heartbeatMs: DOC_HEARTBEAT_MS, signal: lifetime.signal });

  const pdf = await openPdf(config.fileUrl).promise;
  const firstPage = await pdf.getPage(1);
  const base = firstPage.getViewport({ scale: 1 });
  const container = document.getElementById('pages') as HTMLElement;
  let pages: PageList | null = null;
  const toolbar = createToolbar({
    doc: document,
    t,
    pageCount: pdf.numPages,
    downloadUrl: config.downloadUrl,
    goTo: (page) => pages?.scrollToPage(page),
    signal: lifetime.signal,
  });
  let firstShown = false;
  pages = new PageList({
    container,
    pdf,
    firstAspect: base.width / base.height,
    t,
    signal: lifetime.signal,
    onPageArea: (page, pixels) => {
      tracker.setPageArea(page, pixels);
      const current = tracker.currentPage();
      if (current !== null && String(current) !== document.body.dataset.currentPage) {
        document.body.dataset.currentPage = String(current);
        toolbar.showPage(current);
      }
    },
    onFirstPageRendered: () => {
      if (firstShown) return;
      firstShown = true;
      performance.mark('glint:first-page');
      status.textContent = '';
      document.body.dataset.state = 'ready';
    },
  });
}

start().catch((error: unknown) => {
  console.error(error);
  const status = document.getElementById('status');
  if (status) status.textContent = translator(pickLanguage(navigator.languages))('loadFailed');
  document.body.dataset.state = 'error';
});
