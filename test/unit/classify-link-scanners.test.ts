// The classifier on clicks: security gateways that follow links at delivery, sandboxes that sweep
// every link at once, published scanner networks, and the people who really click.
import { describe, expect, it } from 'vitest';
import { classify, type ClassifiableHit, type ClassificationContext } from '../../src/server/ingest/classify.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const SENT = new Date('2025-03-04T09:00:00Z');
const seconds = (s: number): Date => new Date(SENT.getTime() + s * 1000);
const DAY_LATER = 26 * 3600;

function click(id: string, s: number, ip: string, linkId: string, userAgent: string = UA.chromeWindows): ClassifiableHit {
  return { id, kind: 'click', token: 'tok_1', at: seconds(s), ip, userAgent, linkId };
}

function context(extra: Partial<ClassificationContext> = {}): ClassificationContext {
  return { sentAt: SENT, ownerDevices: ['dev_rep'], links: 3, selfViews: [], priorClicks: [], ...extra };
}

const prior = (hit: ClassifiableHit): ClassificationContext['priorClicks'][number] => ({
  id: hit.id,
  linkId: hit.linkId,
  at: hit.at,
  ip: hit.ip,
});

describe('link scanners: timing', () => {
  it('labels a browser-looking click seconds after sending machine', () => {
    expect(classify(click('c1', 4, IP.home, '0'), context())).toEqual({ label: 'machine', reason: 'link-scanner-timing' });
    expect(classify(click('c1', 59, IP.home, '0'), context()).reason).toBe('link-scanner-timing');
  });

  it('labels the same click later human: someone read the email first', () => {
    expect(classify(click('c1', 75, IP.home, '0'), context())).toEqual({ label: 'human', reason: 'no-machine-signal' });
    expect(classify(click('c1', DAY_LATER, IP.phone, '1', UA.chromeAndroid), context()).label).toBe('human');
  });

  it('needs a send time', () => {
    const unknown: ClassificationContext = { ownerDevices: [], selfViews: [], priorClicks: [] };
    expect(classify(click('c1', 4, IP.home, '0'), unknown).label).toBe('human');
  });
});

describe('link scanners: every link at once', () => {
  it('labels the click that completes a sweep of all links from one network machine', () => {
    // A sandbox two hours after delivery (past the timing window), hosts of one /24, 3 links in 4 s.
    const a = click('c1', 7200, IP.sweepA, '0');
    const b = click('c2', 7201.5, IP.sweepB, '1');
    const c = click('c3', 7203.9, IP.sweepC, '2');
    expect(classify(a, context()).label).toBe('human');
    expect(classify(b, context({ priorClicks: [prior(a)] })).label).toBe('human');
    expect(classify(c, context({ priorClicks: [prior(a), prior(b)] }))).toEqual({
      label: 'machine',
      reason: 'link-scanner-all-links',
    });
  });

  it('does not fire for a person clicking every link over a minute', () => {
    const a = click('c1', 7200, IP.home, '0');
    const b = click('c2', 7230, IP.home, '1');
    const c = click('c3', 7260, IP.home, '2');
    expect(classify(c, context({ priorClicks: [prior(a), prior(b)] })).label).toBe('human');
  });

  it('does not fire when the clicks come from different networks', () => {
    const a = click('c1', 7200, IP.home, '0');
    const b = click('c2', 7201, IP.phone, '1');
    const c = click('c3', 7202, IP.office, '2');
    expect(classify(c, context({ priorClicks: [prior(a), prior(b)] })).label).toBe('human');
  });

  it('counts distinct links, not clicks, and ignores the hit itself among prior clicks', () => {
    const a = click('c1', 7200, IP.sweepA, '0');
    const again = click('c2', 7201, IP.sweepA, '0');
    const c = click('c3', 7202, IP.sweepA, '2');
    expect(classify(c, context({ priorClicks: [prior(a), prior(again), prior(c)] })).label).toBe('human');
  });

  it('needs at least two links: one click on a one-link email proves nothing', () => {
    expect(classify(click('c1', 7200, IP.home, '0'), context({ links: 1 })).label).toBe('human');
  });
});

describe('link scanners: published networks', () => {
  it.each([
    ['Exchange Online Protection', IP.microsoftEop],
    ['Exchange Online Protection (40.92.0.0/15)', IP.microsoftEop2],
    ['Exchange Online Protection over IPv6', IP.microsoftEopV6],
    ['Proofpoint', IP.proofpoint],
    ['Proofpoint (67.231.144.0/20)', IP.proofpoint2],
    ['Mimecast US', IP.mimecast],
    ['Mimecast UK', IP.mimecast2],
    ['Barracuda', IP.barracuda],
    ['Barracuda (64.235.144.0/20)', IP.barracuda2],
  ])('labels a click from %s machine, even a day later with a browser agent', (_name, ip) => {
    expect(classify(click('c1', DAY_LATER, ip, '0'), context())).toEqual({
      label: 'machine',
      reason: 'link-scanner-network',
    });
  });

  it('recognises the Outlook.com pre-click reported from 132.245.26.156', () => {
    const hit = click('c1', DAY_LATER, IP.outlookComLinkCheck, '0', UA.outlookComLinkCheck);
    expect(classify(hit, context()).reason).toBe('link-scanner-network');
  });

  it('leaves opens from gateway networks to other rules: link scanning is a click matter', () => {
    const open: ClassifiableHit = { ...click('o1', DAY_LATER, IP.proofpoint, '0', UA.outlookDesktop), kind: 'open' };
    expect(classify(open, context()).label).toBe('human');
    // Exchange Online Protection's opens are its image fetches: datacenter-network (classify-datacenter.test.ts).
    const eopOpen: ClassifiableHit = { ...open, ip: IP.microsoftEop };
    expect(classify(eopOpen, context()).reason).toBe('datacenter-network');
  });

  it('names the network, the most specific evidence, for a gateway click at send time', () => {
    expect(classify(click('c1', 3, IP.proofpoint, '0'), context()).reason).toBe('link-scanner-network');
  });
});

describe('bot user agents', () => {
  it.each([
    ['curl', UA.curl],
    ['python-requests', UA.pythonRequests],
    ['headless Chrome', UA.headlessChrome],
    ['BingPreview (Safe Links / Outlook.com preview)', UA.bingPreview],
    ['an empty User-Agent', ''],
    ['the Gmail image proxy following a link (proxies fetch images, never click)', UA.gmailProxy],
    ['the Yahoo image proxy following a link', UA.yahooProxy],
  ])('labels a click by %s machine', (_name, ua) => {
    expect(classify(click('c1', DAY_LATER, IP.home, '0', ua), context())).toEqual({ label: 'machine', reason: 'bot-ua' });
  });

  it.each([
    ['curl', UA.curl],
    ['python-requests', UA.pythonRequests],
    ['headless Chrome', UA.headlessChrome],
    ['whitespace only', '   '],
  ])('labels an open by %s machine', (_name, ua) => {
    const open: ClassifiableHit = { ...click('o1', DAY_LATER, IP.home, '0', ua), kind: 'open', linkId: undefined };
    expect(classify(open, context()).reason).toBe('bot-ua');
  });
});
