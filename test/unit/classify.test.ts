// The classifier on real-world opens: mail clients and proxies people read with, the rep's own
// views, Gmail's fetch at send time and Apple Mail Privacy Protection.
import { describe, expect, it } from 'vitest';
import { classify, type ClassifiableHit, type ClassificationContext } from '../../src/server/ingest/classify.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const SENT = new Date('2025-03-04T09:00:00Z');
const seconds = (s: number): Date => new Date(SENT.getTime() + s * 1000);

function open(at: Date, ip: string, userAgent: string, extra: Partial<ClassifiableHit> = {}): ClassifiableHit {
  return { id: 'hit_1', kind: 'open', token: 'tok_1', at, ip, userAgent, ...extra };
}

function context(extra: Partial<ClassificationContext> = {}): ClassificationContext {
  return { sentAt: SENT, ownerDevices: ['dev_rep'], links: 2, selfViews: [], priorClicks: [], ...extra };
}

const DAY_LATER = seconds(26 * 3600);

describe('classify: people reading the email', () => {
  it.each([
    ['Gmail (image proxy)', IP.gmailProxy, UA.gmailProxy],
    ['Gmail over IPv6', IP.gmailProxyV6, UA.gmailProxy],
    ['Gmail, IPv4-mapped address as Node reports it', `::ffff:${IP.gmailProxy2}`, UA.gmailProxy],
    ['Yahoo Mail (image proxy)', '98.137.11.163', UA.yahooProxy],
    ['Outlook desktop', IP.office, UA.outlookDesktop],
    ['Outlook click-to-run', IP.office, UA.outlookClickToRun],
    ['iPhone Mail without MPP', IP.phone, UA.iphoneMail],
    ['Apple Mail on a Mac without MPP', IP.home, UA.appleMailMac],
    ['Thunderbird', IP.home, UA.thunderbird],
    ['a browser (webmail)', IP.home, UA.chromeWindows],
  ])('%s a day after sending is human', (_name, ip, ua) => {
    expect(classify(open(DAY_LATER, ip, ua), context())).toEqual({ label: 'human', reason: 'no-machine-signal' });
  });

  it('treats a hit for an unknown email (no send time) by its own signals only', () => {
    const empty: ClassificationContext = { ownerDevices: [], selfViews: [], priorClicks: [] };
    expect(classify(open(seconds(3), IP.gmailProxy, UA.gmailProxy), empty).label).toBe('human');
    expect(classify(open(seconds(3), IP.home, UA.curl), empty)).toEqual({ label: 'machine', reason: 'bot-ua' });
  });

  it('is deterministic: same input, same answer, context untouched', () => {
    const ctx = context({ selfViews: [{ deviceId: 'dev_rep', at: seconds(100) }] });
    const frozen = JSON.stringify(ctx);
    const hit = open(seconds(110), IP.gmailProxy, UA.gmailProxy);
    expect(classify(hit, ctx)).toEqual(classify(hit, ctx));
    expect(JSON.stringify(ctx)).toBe(frozen);
  });
});

describe('classify: the rep’s own views', () => {
  it('labels a hit carrying one of the owner’s devices self, whatever else it looks like', () => {
    expect(classify(open(DAY_LATER, IP.home, UA.chromeWindows, { deviceId: 'dev_rep' }), context())).toEqual({
      label: 'self',
      reason: 'sender-device',
    });
    // Even a bot-looking agent from a scanner network: the device header is the rep's.
    const click: ClassifiableHit = { ...open(seconds(2), IP.microsoftEop, UA.curl), kind: 'click', deviceId: 'dev_rep' };
    expect(classify(click, context()).reason).toBe('sender-device');
  });

  it('does not trust a device id the owner never registered', () => {
    expect(classify(open(DAY_LATER, IP.home, UA.chromeWindows, { deviceId: 'dev_other' }), context()).label).toBe('human');
  });

  it('labels a Gmail-proxy fetch just after a self-view beacon self', () => {
    const ctx = context({ selfViews: [{ deviceId: 'dev_rep', at: seconds(3600) }] });
    const just = (s: number): ClassifiableHit => open(seconds(3600 + s), IP.gmailProxy, UA.gmailProxy);
    expect(classify(just(1), ctx)).toEqual({ label: 'self', reason: 'sender-self-view' });
    expect(classify(just(59), ctx).reason).toBe('sender-self-view');
    // The beacon may land a moment after the proxy fetch it belongs to.
    expect(classify(just(-3), ctx).reason).toBe('sender-self-view');
    // Two minutes later it is the recipient again.
    expect(classify(just(120), ctx)).toEqual({ label: 'human', reason: 'no-machine-signal' });
  });

  it('needs the Gmail proxy for a self view: a direct fetch next to a beacon is someone else', () => {
    const ctx = context({ selfViews: [{ deviceId: 'dev_rep', at: seconds(3600) }] });
    expect(classify(open(seconds(3601), IP.office, UA.outlookDesktop), ctx).label).toBe('human');
    // A scraper borrowing the proxy's user agent from elsewhere is not the proxy.
    expect(classify(open(seconds(3601), IP.home, UA.gmailProxy), ctx)).toEqual({ label: 'machine', reason: 'bot-ua' });
  });
});

describe('classify: Gmail displaying the message the rep just sent', () => {
  it('labels a Gmail-proxy open seconds after sending machine', () => {
    expect(classify(open(seconds(2), IP.gmailProxy, UA.gmailProxy), context())).toEqual({
      label: 'machine',
      reason: 'gmail-proxy-at-send',
    });
    expect(classify(open(seconds(29), IP.gmailProxyV6, UA.gmailProxy), context()).reason).toBe('gmail-proxy-at-send');
  });

  it('labels a Gmail-proxy open minutes later human: that is the recipient in Gmail', () => {
    expect(classify(open(seconds(45), IP.gmailProxy, UA.gmailProxy), context()).label).toBe('human');
    expect(classify(open(seconds(4 * 3600), IP.gmailProxy, UA.gmailProxy), context()).label).toBe('human');
  });

  it('does not apply to other clients opening right away', () => {
    expect(classify(open(seconds(5), IP.office, UA.outlookDesktop), context()).label).toBe('human');
  });
});

describe('classify: Apple Mail Privacy Protection', () => {
  it('labels the bare "Mozilla/5.0" prefetch through Private Relay machine', () => {
    for (const ip of [IP.privateRelayAkamai, IP.privateRelayCloudflare, IP.apple]) {
      expect(classify(open(seconds(40), ip, UA.appleMpp), context())).toEqual({ label: 'machine', reason: 'apple-mpp' });
    }
  });

  it('labels a mail-client fetch from Apple’s own 17.0.0.0/8 machine', () => {
    expect(classify(open(seconds(40), IP.apple, UA.appleMailMac), context()).reason).toBe('apple-mpp');
  });

  it('keeps a browser on Apple’s network, and Apple Mail elsewhere, human', () => {
    expect(classify(open(DAY_LATER, IP.apple, UA.iphoneSafari), context()).label).toBe('human');
    expect(classify(open(DAY_LATER, IP.phone, UA.iphoneMail), context()).label).toBe('human');
  });

  it('never suppresses clicks through Apple’s relay: people click', () => {
    const click: ClassifiableHit = { ...open(DAY_LATER, IP.privateRelayAkamai, UA.iphoneSafari), kind: 'click', linkId: '0' };
    expect(classify(click, context()).label).toBe('human');
  });
});
