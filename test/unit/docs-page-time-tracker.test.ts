import { describe, expect, it } from 'vitest';
import { docBeaconSchema, type DocBeacon } from '../../src/shared/doc-beacons.ts';
import { pickLanguage } from '../../src/shared/reader-language.ts';
import { translator } from '../../src/viewer/messages.ts';
import { PageTimeTracker } from '../../src/viewer/page-time-tracker.ts';
import { VisitReporter } from '../../src/viewer/visit-reporter.ts';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('PageTimeTracker', () => {
  it('counts time on the page most on screen, and only while the tab is visible', () => {
    const time = clock();
    const tracker = new PageTimeTracker(time.now, true);
    tracker.setPageArea(1, 800);
    time.advance(3000);
    tracker.setPageArea(2, 300); // page 2 peeks in; page 1 still dominates
    time.advance(1000);
    tracker.setPageArea(1, 200);
    tracker.setPageArea(2, 900);
    time.advance(5000);
    tracker.setVisible(false);
    time.advance(60_000); // another tab: not reading
    tracker.setVisible(true);
    time.advance(2000);
    expect(tracker.currentPage()).toBe(2);
    expect(tracker.snapshot()).toEqual([
      { page: 1, ms: 4000 },
      { page: 2, ms: 7000 },
    ]);
    expect(tracker.totalMs()).toBe(11_000);
  });

  it('counts nothing before any page is on screen, or when the tab starts hidden', () => {
    const time = clock();
    const hidden = new PageTimeTracker(time.now, false);
    hidden.setPageArea(1, 500);
    time.advance(5000);
    expect(hidden.snapshot()).toEqual([]);
    const empty = new PageTimeTracker(time.now, true);
    time.advance(5000);
    expect(empty.snapshot()).toEqual([]);
  });

  it('breaks a tie in favour of the earlier page and forgets pages that left the screen', () => {
    const time = clock();
    const tracker = new PageTimeTracker(time.now, true);
    tracker.setPageArea(3, 400);
    tracker.setPageArea(2, 400);
    expect(tracker.currentPage()).toBe(2);
    tracker.setPageArea(2, 0);
    expect(tracker.currentPage()).toBe(3);
  });
});

describe('VisitReporter', () => {
  it('sends open, heartbeats only when time was added and a final flush, numbered, each accepted by the strict server schema', () => {
    const time = clock();
    const tracker = new PageTimeTracker(time.now, true);
    const sent: DocBeacon[] = [];
    const reporter = new VisitReporter('AAAAAAAAAAAAAAAAAAAAAA', tracker, (beacon) => sent.push(beacon));
    reporter.open();
    tracker.setPageArea(1, 500);
    time.advance(10_000);
    reporter.heartbeat();
    reporter.heartbeat(); // nothing new: skipped
    tracker.setPageArea(3, 900);
    time.advance(2_500);
    reporter.flush();
    expect(sent.map(({ kind, seq, final }) => ({ kind, seq, final }))).toEqual([
      { kind: 'open', seq: 0, final: false },
      { kind: 'pages', seq: 1, final: false },
      { kind: 'pages', seq: 2, final: true },
    ]);
    expect(sent[2]?.pages).toEqual([
      { page: 1, ms: 10_000 },
      { page: 3, ms: 2_500 },
    ]);
    // What the viewer sends is exactly what the server's strict schema accepts (as JSON, like sendBeacon).
    for (const beacon of sent) expect(docBeaconSchema.safeParse(JSON.parse(JSON.stringify(beacon))).success).toBe(true);
  });
});

describe('viewer messages', () => {
  it('picks the reader’s language by primary subtag, English otherwise', () => {
    expect(pickLanguage(['fr-BE', 'en'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'nl-NL'])).toBe('nl');
    expect(pickLanguage(['ja'])).toBe('en');
    expect(translator('nl')('pageOf', { page: 2, count: 9 })).toBe('Pagina 2 van 9');
    expect(translator('fr')('pageOf', { page: 1, count: 3 })).toBe('Page 1 sur 3');
  });
});
