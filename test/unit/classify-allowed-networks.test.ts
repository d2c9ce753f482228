// The classifier with a team's allow-listed networks: the network rules stay silent for hits from
// there, every other signal (timing, sweeps, bot agents, Apple's relay) still speaks. Also the CIDR
// reading the store, the API and `glint classify` share.
import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { runClassify } from '../../src/server/cli/classify-command.ts';
import { allowedNetworks } from '../../src/server/ingest/allowed-networks.ts';
import { classify, type ClassifiableHit, type ClassificationContext } from '../../src/server/ingest/classify.ts';
import { normaliseCidr } from '../../src/server/ingest/team-network-cidr.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const SENT = new Date('2025-03-04T09:00:00Z');
const HOURS_LATER = new Date(SENT.getTime() + 3 * 3600_000);
const AWS = '3.80.12.1';
const BASE: ClassificationContext = { sentAt: SENT, ownerDevices: [], links: 3, selfViews: [], priorClicks: [] };
const ALLOWED: ClassificationContext = {
  ...BASE,
  allowedNetworks: allowedNetworks(['3.80.12.0/24', '2600:1f18:4000::/48', IP.proofpoint + '/32']),
};

function hit(kind: ClassifiableHit['kind'], ip: string, userAgent: string = UA.chromeWindows, at = HOURS_LATER): ClassifiableHit {
  return { id: 'h1', kind, token: 'tok_1', at, ip, userAgent, ...(kind === 'click' ? { linkId: '0' } : {}) };
}

describe('allow-listed networks', () => {
  it('labels a desktop Chrome open from AWS machine, and the same open from an allow-listed AWS address human', () => {
    expect(classify(hit('open', AWS), BASE)).toEqual({ label: 'machine', reason: 'datacenter-network', network: 'AWS' });
    expect(classify(hit('open', AWS), ALLOWED)).toEqual({ label: 'human', reason: 'no-machine-signal' });
    expect(classify(hit('click', '2600:1f18:4000::9'), ALLOWED).label).toBe('human');
    expect(classify(hit('open', '::ffff:3.80.12.1'), ALLOWED).label).toBe('human');
  });

  it('still labels AWS addresses outside the allow-listed range machine', () => {
    expect(classify(hit('open', '3.80.13.1'), ALLOWED)).toEqual({ label: 'machine', reason: 'datacenter-network', network: 'AWS' });
  });

  it("skips link-scanner-network for a gateway range the team allow-listed, not for the vendor's others", () => {
    expect(classify(hit('click', IP.proofpoint), BASE).reason).toBe('link-scanner-network');
    expect(classify(hit('click', IP.proofpoint), ALLOWED).label).toBe('human');
    expect(classify(hit('click', IP.proofpoint2), ALLOWED).reason).toBe('link-scanner-network');
  });

  it('keeps a headless browser, a declared bot and Apple MPP from an allow-listed network machine', () => {
    expect(classify(hit('open', AWS, UA.headlessChrome), ALLOWED).label).toBe('machine');
    expect(classify(hit('open', AWS, UA.curl), ALLOWED)).toEqual({ label: 'machine', reason: 'bot-ua' });
    expect(classify(hit('open', AWS, UA.appleMpp), ALLOWED).reason).toBe('apple-mpp');
  });

  it('keeps a link sweep and an at-delivery click from an allow-listed network machine', () => {
    const sweep: ClassificationContext = {
      ...ALLOWED,
      priorClicks: [
        { id: 'c0', linkId: '1', at: new Date(HOURS_LATER.getTime() - 1000), ip: '3.80.12.2' },
        { id: 'c1', linkId: '2', at: new Date(HOURS_LATER.getTime() - 500), ip: '3.80.12.3' },
      ],
    };
    expect(classify(hit('click', AWS), sweep)).toMatchObject({ label: 'machine', reason: 'link-scanner-all-links' });
    const atDelivery = hit('click', AWS, UA.chromeWindows, new Date(SENT.getTime() + 5000));
    expect(classify(atDelivery, ALLOWED)).toMatchObject({ label: 'machine', reason: 'link-scanner-timing' });
  });
});

describe('normaliseCidr', () => {
  it.each([
    ['203.0.113.7/24', '203.0.113.0/24'],
    [' 203.0.113.7 ', '203.0.113.7/32'],
    ['2001:DB8::1/48', '2001:db8::/48'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['::ffff:3.80.12.1/120', '3.80.12.0/24'],
  ])('reads %s as %s', (text, cidr) => {
    expect(normaliseCidr(text)).toEqual({ ok: true, cidr });
  });

  it('refuses what is not a network, with a sentence', () => {
    for (const text of ['office', '1.2.3.4/33', '1.2.3.4/', '1.2.3/24', '2001:db8::/129', '1.2.3.4/24/1']) {
      expect(normaliseCidr(text)).toEqual({
        ok: false,
        error: expect.stringMatching(/^This is not a network: write an address or a CIDR/),
      });
    }
  });

  it('refuses networks wider than /8 (IPv4) or /32 (IPv6)', () => {
    expect(normaliseCidr('3.0.0.0/7')).toEqual({ ok: false, error: expect.stringContaining('the widest accepted is /8') });
    expect(normaliseCidr('2600::/31')).toEqual({ ok: false, error: expect.stringContaining('the widest accepted is /32') });
    expect(normaliseCidr('3.0.0.0/8').ok).toBe(true);
    expect(normaliseCidr('2600::/32').ok).toBe(true);
  });
});

describe('glint classify with allowedNetworks on the sent line', () => {
  async function run(lines: readonly object[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const output = new PassThrough();
    const errors = new PassThrough();
    let stdout = '';
    let stderr = '';
    output.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    errors.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await runClassify({ input: Readable.from([lines.map((line) => JSON.stringify(line)).join('\n')]), output, errors });
    return { code, stdout, stderr };
  }
  const open = (id: string, token: string) => ({
    type: 'hit',
    id,
    kind: 'open',
    token,
    at: '2025-03-04T12:00:00Z',
    ip: AWS,
    userAgent: UA.chromeWindows,
  });

  it("judges the email's hits from its team's networks on the other signals", async () => {
    const result = await run([
      { type: 'sent', token: 'plain', at: '2025-03-04T09:00:00Z' },
      { type: 'sent', token: 'vpn', at: '2025-03-04T09:00:00Z', allowedNetworks: ['3.80.12.9/24'] },
      open('a', 'plain'),
      open('b', 'vpn'),
    ]);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout:
        '{"id":"a","label":"machine","reason":"datacenter-network","network":"AWS"}\n{"id":"b","label":"human","reason":"no-machine-signal"}\n',
    });
  });

  it('reports an allowed network that is not one, or too wide, with its line number', async () => {
    const result = await run([{ type: 'sent', token: 'vpn', at: '2025-03-04T09:00:00Z', allowedNetworks: ['3.80.12.9/24', '3.0.0.0/4'] }]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('glint classify: line 1: allowedNetworks.1: A /4 network is too wide to allow-list');
  });
});
