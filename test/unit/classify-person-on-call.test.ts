// A prospect on a call with the rep opens the email and clicks within seconds of sending. Timing
// alone would call that click a link scanner's; with the open just before from the same address,
// by a mail client, and an ordinary browser following one link, it is a person's. Run through
// ClassificationState, which builds the context from the stream as `glint classify` does.
import { describe, expect, it } from 'vitest';
import { ClassificationState } from '../../src/server/ingest/classification-state.ts';
import { classify, type ClassifiableHit } from '../../src/server/ingest/classify.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const TOKEN = 'em_PersonOnCall0000000001';
const SENT = new Date('2025-03-04T09:00:00Z');
const seconds = (s: number): Date => new Date(SENT.getTime() + s * 1000);
const HOME_V6 = '2001:db8:85a3:1:a1b2:c3d4:e5f6:1';
const HOME_V6_OTHER_HOST = '2001:db8:85a3:1:ffff::2';
const NEIGHBOUR_V6 = '2001:db8:85a3:2::1';
const TIMING = { label: 'machine', reason: 'link-scanner-timing' };
const PERSON = { label: 'human', reason: 'no-machine-signal' };

function hit(id: string, kind: ClassifiableHit['kind'], s: number, ip: string, userAgent: string, linkId?: string): ClassifiableHit {
  return { id, kind, token: TOKEN, at: seconds(s), ip, userAgent, ...(linkId === undefined ? {} : { linkId }) };
}

function stream(links = 3): ClassificationState {
  const state = new ClassificationState();
  state.recordSent({ token: TOKEN, at: SENT, ownerDevices: ['dv_rep'], links });
  return state;
}

/** An open at +10 s by Outlook desktop from `openIp`, then the click at +20 s; the click's label. */
function openThenClick(openIp: string, clickIp: string, clickUa: string = UA.chromeWindows, openUa: string = UA.outlookDesktop) {
  const state = stream();
  state.classify(hit('o1', 'open', 10, openIp, openUa));
  return state.classify(hit('c1', 'click', 20, clickIp, clickUa, '0'));
}

describe('a click within a minute of sending', () => {
  it('is a person when the same address has just opened the email with a mail client', () => {
    expect(openThenClick(IP.home, IP.home)).toEqual(PERSON);
    expect(openThenClick(IP.home, IP.home, UA.chromeWindows, UA.thunderbird)).toEqual(PERSON);
    expect(openThenClick(IP.phone, IP.phone, UA.iphoneSafari, UA.iphoneMail)).toEqual(PERSON);
  });

  it('counts the same /64 as the same client for IPv6, not a neighbouring /64', () => {
    expect(openThenClick(HOME_V6, HOME_V6_OTHER_HOST)).toEqual(PERSON);
    expect(openThenClick(HOME_V6, NEIGHBOUR_V6)).toEqual(TIMING);
  });

  it('stays a scan from another address, even one of the same /24', () => {
    expect(openThenClick(IP.home, IP.office)).toEqual(TIMING);
    expect(openThenClick(IP.sweepA, IP.sweepB)).toEqual(TIMING);
  });

  it('stays a scan for a headless browser, an HTTP library or no agent', () => {
    expect(openThenClick(IP.home, IP.home, UA.headlessChrome)).toEqual(TIMING);
    expect(openThenClick(IP.home, IP.home, UA.curl)).toEqual(TIMING);
    expect(openThenClick(IP.home, IP.home, '')).toEqual(TIMING);
  });

  it('stays a scan without an open just before', () => {
    const state = stream();
    expect(state.classify(hit('c1', 'click', 20, IP.home, UA.chromeWindows, '0'))).toEqual(TIMING);
    // An open after the click does not explain it.
    state.classify(hit('o1', 'open', 25, IP.home, UA.outlookDesktop));
    expect(state.classify(hit('c2', 'click', 21, IP.home, UA.chromeWindows, '1'))).toEqual(TIMING);
  });

  it('stays a scan when the open was not a person at a mail client', () => {
    // Apple MPP's prefetch (machine), an image proxy's fetch (human, but not from the reader's address).
    expect(openThenClick(IP.home, IP.home, UA.chromeWindows, UA.appleMpp)).toEqual(TIMING);
    expect(openThenClick(IP.home, IP.home, UA.chromeWindows, UA.yahooProxy)).toEqual(TIMING);
    expect(openThenClick(IP.gmailProxy, IP.gmailProxy, UA.chromeWindows, UA.gmailProxy)).toEqual(TIMING);
  });

  it('stays a scan when the click is part of a sweep of the links', () => {
    const state = stream(3);
    state.classify(hit('o1', 'open', 10, IP.home, UA.outlookDesktop));
    // The first click cannot know yet; the server relabels it when the sweep completes (sweep-relabel.ts).
    expect(state.classify(hit('c1', 'click', 20, IP.home, UA.chromeWindows, '0'))).toEqual(PERSON);
    expect(state.classify(hit('c2', 'click', 21, IP.home, UA.chromeWindows, '1'))).toEqual(TIMING);
    expect(state.classify(hit('c3', 'click', 22, IP.home, UA.chromeWindows, '2'))).toEqual({
      label: 'machine',
      reason: 'link-scanner-all-links',
    });
  });

  it('still names a published scanner network first', () => {
    expect(openThenClick(IP.proofpoint, IP.proofpoint, UA.chromeWindows, UA.outlookDesktop).reason).toBe('link-scanner-network');
  });
});

describe('a document visit within a minute of sending', () => {
  it('is a person after an open from the same address, timed from the start of the visit', () => {
    const state = stream();
    state.classify(hit('o1', 'open', 10, IP.home, UA.outlookDesktop));
    expect(state.classify(hit('d1', 'doc_open', 20, IP.home, UA.chromeWindows))).toEqual(PERSON);
    const pages: ClassifiableHit = { ...hit('d2', 'doc_pages', 300, IP.home, UA.chromeWindows), visitStartedAt: seconds(20) };
    expect(state.classify(pages)).toEqual(PERSON);
    expect(state.classify(hit('d3', 'doc_open', 30, IP.office, UA.chromeWindows))).toEqual(TIMING);
  });
});

describe('the classifier on its own', () => {
  it('uses only the human opens it is given, from after sending', () => {
    const click = hit('c1', 'click', 20, IP.home, UA.chromeWindows, '0');
    const base = { sentAt: SENT, ownerDevices: [], links: 3, selfViews: [], priorClicks: [] };
    const open = (s: number) => ({ at: seconds(s), ip: IP.home, userAgent: UA.outlookDesktop });
    expect(classify(click, { ...base, humanOpens: [open(10)] })).toEqual(PERSON);
    expect(classify(click, { ...base, humanOpens: [open(-60)] })).toEqual(TIMING);
    expect(classify(click, base)).toEqual(TIMING);
  });
});
