// The datacenter lookup: real addresses inside the providers' published aggregates, both
// families, IPv4-mapped IPv6, and addresses that belong to no cloud. Plus the interval table's own
// edges (range bounds, overlaps).
import { describe, expect, it } from 'vitest';
import { datacenterProvider, DATACENTER_NETWORKS } from '../../src/server/ingest/datacenter-networks/index.ts';
import { parseIp } from '../../src/server/ingest/ip-match.ts';
import { lookupNetwork, networkTable } from '../../src/server/ingest/network-table.ts';
import { IP } from '../fixtures/hits/real-world.ts';

const provider = (ip: string): string | null => datacenterProvider(parseIp(ip));

describe('datacenterProvider', () => {
  it.each([
    ['3.80.12.1', 'AWS'],
    ['52.1.2.3', 'AWS'],
    ['2600:1f18:4000::1', 'AWS'],
    ['20.42.65.92', 'Microsoft Azure'],
    ['40.112.72.205', 'Microsoft Azure'],
    ['2603:1030::1', 'Microsoft Azure'],
    ['34.72.10.20', 'Google Cloud'],
    ['2600:1900:4000::1', 'Google Cloud'],
    ['40.233.1.1', 'Oracle Cloud'],
    ['138.68.1.1', 'DigitalOcean'],
    ['2604:a880:400:d0::1', 'DigitalOcean'],
    ['45.79.128.1', 'Linode (Akamai)'],
    ['2600:3c00::1', 'Linode (Akamai)'],
    ['5.9.10.10', 'Hetzner'],
    ['2a01:4f8:1:2::3', 'Hetzner'],
  ])('%s is %s', (ip, name) => {
    expect(provider(ip)).toBe(name);
  });

  it('matches IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(provider('::ffff:3.80.12.1')).toBe('AWS');
    expect(provider('::ffff:34.72.10.20')).toBe('Google Cloud');
  });

  it("keeps Google's own ranges (Gmail's image proxy), Apple and Private Relay out", () => {
    for (const ip of [IP.gmailProxy, IP.gmailProxyV6, IP.apple, IP.privateRelayAkamai, IP.privateRelayCloudflare]) {
      expect(provider(ip), ip).toBeNull();
    }
  });

  it('finds nothing for people and unreadable addresses', () => {
    expect(provider(IP.home)).toBeNull();
    expect(provider('8.8.8.8')).toBeNull();
    expect(provider('not an ip')).toBeNull();
  });

  it('names its source and read date for every provider', () => {
    for (const block of DATACENTER_NETWORKS) {
      expect(block.source, block.provider).not.toBe('');
      expect(block.read, block.provider).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(block.cidrs.length, block.provider).toBeGreaterThan(0);
    }
  });
});

describe('networkTable', () => {
  const table = networkTable([
    { name: 'first', cidrs: ['10.0.0.0/8', '2001:db8::/32'] },
    { name: 'inner', cidrs: ['10.1.0.0/16', '10.255.255.255/32'] },
    { name: 'after', cidrs: ['11.0.0.0/24', '2001:db9::/48'] },
  ]);
  const at = (ip: string): string | null => lookupNetwork(table, parseIp(ip));

  it('matches the first and last address of a range and nothing beside it', () => {
    expect(at('10.0.0.0')).toBe('first');
    expect(at('10.255.255.255')).toBe('first');
    expect(at('9.255.255.255')).toBeNull();
    expect(at('11.0.0.255')).toBe('after');
    expect(at('11.0.1.0')).toBeNull();
    expect(at('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('first');
    expect(at('2001:db9::1')).toBe('after');
    expect(at('2001:db9:1::')).toBeNull();
  });

  it('gives an overlap to the range that starts first', () => {
    expect(at('10.1.2.3')).toBe('first');
  });

  it('rejects a malformed CIDR', () => {
    expect(() => networkTable([{ name: 'bad', cidrs: ['10.0.0.0/33'] }])).toThrow();
  });
});
