// Turns what the tracker measures into beacons: doc_open when the viewer loads, cumulative page
// times on a heartbeat (only when they changed) and a final flush when the reader hides or leaves
// the tab. Downloads are not reported from here: the server counts the fetch of the original
// itself (server/docs/record-download.ts). Timers and DOM events are attached separately
// (attachVisitReporting) so this logic runs in unit tests with a fake clock.
import type { DocBeacon, DocBeaconKind } from '../shared/doc-beacons.ts';
import type { SendBeacon } from './beacon-transport.ts';
import type { PageTimeTracker } from './page-time-tracker.ts';

export class VisitReporter {
  private seq = 0;
  private lastSentTotal = -1;

  private readonly visitId: string;
  private readonly tracker: PageTimeTracker;
  private readonly send: SendBeacon;

  constructor(visitId: string, tracker: PageTimeTracker, send: SendBeacon) {
    this.visitId = visitId;
    this.tracker = tracker;
    this.send = send;
  }

  open(): void {
    this.emit('open', false);
  }

  /** Periodic report; skipped when no time was added since the last one. */
  heartbeat(): void {
    if (this.tracker.totalMs() !== this.lastSentTotal) this.emit('pages', false);
  }

  /** The reader hid or left the tab: report what we have, even if nothing changed. */
  flush(): void {
    this.emit('pages', true);
  }

  private emit(kind: DocBeaconKind, final: boolean): void {
    const pages = this.tracker.snapshot();
    this.lastSentTotal = pages.reduce((sum, entry) => sum + entry.ms, 0);
    const beacon: DocBeacon = { visitId: this.visitId, kind, seq: this.seq++, pages, final };
    this.send(beacon);
  }
}

export interface ReportingEnvironment {
  document: Document;
  window: Window;
  heartbeatMs: number;
  signal: AbortSignal;
}

/** Wires visibility, page lifecycle and the heartbeat timer to the tracker and the reporter. */
export function attachVisitReporting(tracker: PageTimeTracker, reporter: VisitReporter, env: ReportingEnvironment): void {
  const { document, window, signal } = env;
  document.addEventListener(
    'visibilitychange',
    () => {
      const visible = document.visibilityState === 'visible';
      tracker.setVisible(visible);
      if (!visible) reporter.flush();
    },
    { signal },
  );
  // pagehide fires on unload and bfcache entry, where visibilitychange may not.
  window.addEventListener('pagehide', () => reporter.flush(), { signal });
  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') reporter.heartbeat();
  }, env.heartbeatMs);
  signal.addEventListener('abort', () => window.clearInterval(timer));
}
