// The classifier on hits from cloud and hosting networks: a browser open, click or document visit
// from AWS, Azure or Google Cloud is a machine with the provider named; a reader at home is a
// person; an open from Exchange Online Protection is the service fetching images.
import { describe, expect, it } from 'vitest';
import { classify, type ClassifiableHit, type ClassificationContext } from '../../src/server/ingest/classify.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const SENT = new Date('2025-03-04T09:00:00Z');
const HOURS_LATER = new Date(SENT.getTime() + 3 * 3600_000);
const CONTEXT: ClassificationContext = { sentAt: SENT, ownerDevices: [], links: 1, selfViews: [], priorClicks: [] };

function hit(kind: ClassifiableHit['kind'], ip: string, userAgent: string = UA.chromeWindows): ClassifiableHit {
  return { id: 'h1', kind, token: 'tok_1', at: HOURS_LATER, ip, userAgent, ...(kind === 'click' ? { linkId: '0' } : {}) };
}

describe('datacenter-network', () => {
  it.each([
    ['3.80.12.1', 'AWS'],
    ['2600:1f18:4000::1', 'AWS'],
    ['20.42.65.92', 'Microsoft Azure'],
    ['34.72.10.20', 'Google Cloud'],
    ['::ffff:34.72.10.20', 'Google Cloud'],
  ])('labels a desktop Chrome open from %s machine, naming %s', (ip, network) => {
    expect(classify(hit('open', ip), CONTEXT)).toEqual({ label: 'machine', reason: 'datacenter-network', network });
  });

  it('labels clicks and document visits from a cloud the same way', () => {
    expect(classify(hit('click', '5.9.10.10'), CONTEXT)).toEqual({ label: 'machine', reason: 'datacenter-network', network: 'Hetzner' });
    expect(classify(hit('doc_open', '138.68.1.1'), CONTEXT).network).toBe('DigitalOcean');
  });

  it('leaves a reader at home human', () => {
    expect(classify(hit('open', IP.home), CONTEXT)).toEqual({ label: 'human', reason: 'no-machine-signal' });
    expect(classify(hit('click', IP.home), CONTEXT).label).toBe('human');
  });

  it("labels an open from Exchange Online Protection machine (today's clicks from there stay link-scanner-network)", () => {
    expect(classify(hit('open', IP.microsoftEop), CONTEXT)).toEqual({
      label: 'machine',
      reason: 'datacenter-network',
      network: 'Microsoft Exchange Online',
    });
    expect(classify(hit('open', IP.microsoftEopV6), CONTEXT).network).toBe('Microsoft Exchange Online');
    expect(classify(hit('click', IP.microsoftEop), CONTEXT).reason).toBe('link-scanner-network');
  });

  it('lets the more specific rules speak first', () => {
    expect(classify(hit('open', '3.80.12.1', UA.curl), CONTEXT).reason).toBe('bot-ua');
    expect(classify(hit('open', '3.80.12.1', UA.appleMpp), CONTEXT).reason).toBe('apple-mpp');
    const atDelivery = { ...hit('click', '3.80.12.1'), at: new Date(SENT.getTime() + 5000) };
    expect(classify(atDelivery, CONTEXT).reason).toBe('link-scanner-timing');
  });

  it('keeps a desktop Chrome open or click through iCloud Private Relay or Zscaler human', () => {
    for (const ip of [IP.privateRelayAkamai, IP.privateRelayCloudflare, '165.225.1.1']) {
      expect(classify(hit('open', ip), CONTEXT), ip).toEqual({ label: 'human', reason: 'no-machine-signal' });
      expect(classify(hit('click', ip), CONTEXT).label, ip).toBe('human');
    }
  });

  it('still lets the other rules judge a Private Relay hit', () => {
    expect(classify(hit('open', IP.privateRelayAkamai, UA.appleMpp), CONTEXT).reason).toBe('apple-mpp');
    expect(classify(hit('open', IP.privateRelayAkamai, UA.curl), CONTEXT).reason).toBe('bot-ua');
  });

  it('labels opens from OVHcloud, Scaleway, Vultr and Alibaba Cloud machine', () => {
    for (const [ip, network] of [
      ['51.38.1.1', 'OVHcloud'],
      ['51.15.1.1', 'Scaleway'],
      ['45.32.1.1', 'Vultr'],
      ['47.74.1.1', 'Alibaba Cloud'],
    ]) {
      expect(classify(hit('open', ip ?? ''), CONTEXT).network).toBe(network);
    }
  });

  it("keeps Gmail's image proxy (Google's own ranges, not Google Cloud) a reader", () => {
    expect(classify(hit('open', IP.gmailProxy, UA.gmailProxy), CONTEXT).label).toBe('human');
  });
});
