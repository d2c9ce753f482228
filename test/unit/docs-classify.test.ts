// Document hits meet the machine rules of clicks: published link-scanner networks, scans in the
// minute after sending, bot user agents, and the rep's own device is self. A visit's doc_pages is
// timed from when the visit began, so it gets its doc_open's verdict. Real agents and addresses
// from test/fixtures/hits/real-world.ts.
import { describe, expect, it } from 'vitest';
import type { HitKind } from '../../src/shared/event-model.ts';
import { classify, type ClassifiableHit, type ClassificationContext } from '../../src/server/ingest/classify.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const SENT = new Date('2025-03-04T09:00:00Z');
const after = (seconds: number): Date => new Date(SENT.getTime() + seconds * 1000);
const HOUR = 3600;
const DOC_KINDS: HitKind[] = ['doc_open', 'doc_pages', 'doc_download'];

function hit(kind: HitKind, seconds: number, ip: string, userAgent: string, extra: Partial<ClassifiableHit> = {}): ClassifiableHit {
  return { id: 'ev_1', kind, token: 'tok_doc', at: after(seconds), ip, userAgent, ...extra };
}

const context: ClassificationContext = { sentAt: SENT, ownerDevices: ['dev_rep'], links: 1, selfViews: [], priorClicks: [] };

describe('document hits from link scanners', () => {
  it('labels a fetch from Safe Links, Proofpoint, Mimecast or Barracuda networks machine, hours after sending', () => {
    const scanners = [IP.microsoftEop, IP.microsoftEopV6, IP.outlookComLinkCheck, IP.proofpoint, IP.mimecast2, IP.barracuda];
    for (const kind of DOC_KINDS) {
      for (const ip of scanners) {
        // A sandbox running the viewer presents a browser's agent: the network gives it away.
        expect(classify(hit(kind, 3 * HOUR, ip, UA.edgeWindows), context)).toEqual({ label: 'machine', reason: 'link-scanner-network' });
      }
    }
  });

  it('labels a document hit in the minute after sending machine (scanned at delivery), later ones human', () => {
    for (const kind of DOC_KINDS) {
      expect(classify(hit(kind, 8, IP.home, UA.chromeWindows), context)).toEqual({ label: 'machine', reason: 'link-scanner-timing' });
      expect(classify(hit(kind, 2 * HOUR, IP.home, UA.chromeWindows), context)).toEqual({ label: 'human', reason: 'no-machine-signal' });
    }
  });

  it('times a visit’s doc_pages from the visit’s start: a scan that lingers past the window stays machine', () => {
    const pages = hit('doc_pages', 75, IP.home, UA.chromeWindows, { visitStartedAt: after(50) });
    expect(classify(pages, context)).toEqual({ label: 'machine', reason: 'link-scanner-timing' });
    const reader = hit('doc_pages', 2 * HOUR + 40, IP.phone, UA.iphoneSafari, { visitStartedAt: after(2 * HOUR) });
    expect(classify(reader, context).label).toBe('human');
  });

  it('labels headless browsers, HTTP libraries and an empty agent bot-ua', () => {
    for (const userAgent of [UA.headlessChrome, UA.curl, UA.pythonRequests, UA.bingPreview, '']) {
      expect(classify(hit('doc_download', 3 * HOUR, IP.office, userAgent), context)).toEqual({ label: 'machine', reason: 'bot-ua' });
      expect(classify(hit('doc_open', 3 * HOUR, IP.office, userAgent), context).reason).toBe('bot-ua');
    }
  });

  it('labels the rep’s own device self, even from a scanner network or seconds after sending', () => {
    const own = { deviceId: 'dev_rep' };
    expect(classify(hit('doc_open', 5, IP.microsoftEop, UA.chromeWindows, own), context)).toEqual({
      label: 'self',
      reason: 'sender-device',
    });
    expect(classify(hit('doc_download', 3 * HOUR, IP.home, UA.chromeWindows, { deviceId: 'dev_someone_else' }), context).label).toBe(
      'human',
    );
  });

  it('does not apply the image rules: a document hit is not an image-proxy open', () => {
    // "Mozilla/5.0" alone is Apple MPP for a pixel; for a viewer beacon it is just a terse agent.
    expect(classify(hit('doc_open', 3 * HOUR, IP.privateRelayAkamai, UA.appleMpp), context).reason).not.toBe('apple-mpp');
    // Gmail's image proxy never fetches documents: its agent here is a bot's.
    expect(classify(hit('doc_download', 10 * HOUR, IP.gmailProxy, UA.gmailProxy), context)).toEqual({ label: 'machine', reason: 'bot-ua' });
  });
});
