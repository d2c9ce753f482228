// The datacenter lookup: real addresses inside the providers' published aggregates, both
// families, IPv4-mapped IPv6, and addresses that belong to no cloud. Plus the interval table's own
// edges (range bounds, overlaps).
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  datacenterProvider,
  DATACENTER_NETWORKS,
  HUMAN_EGRESS_NETWORKS,
  humanEgress,
} from '../../src/server/ingest/datacenter-networks/index.ts';
import { baselineNetworkTables, installNetworkTables } from '../../src/server/ingest/network-registry.ts';
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
    ['51.38.1.1', 'OVHcloud'],
    ['2001:41d0:8000::1', 'OVHcloud'],
    ['51.15.1.1', 'Scaleway'],
    ['2001:bc8:1::1', 'Scaleway'],
    ['45.32.1.1', 'Vultr'],
    ['2001:19f0:5000::1', 'Vultr'],
    ['47.74.1.1', 'Alibaba Cloud'],
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

  it("keeps OVH Telecom's home connections and special-purpose ranges out", () => {
    for (const ip of ['109.190.1.1', '2001:41d0:fc00::1', '2002:c000:0204::1', '2001:db8::1']) {
      expect(provider(ip), ip).toBeNull();
    }
  });

  it('finds nothing for people and unreadable addresses', () => {
    expect(provider(IP.home)).toBeNull();
    expect(provider('8.8.8.8')).toBeNull();
    expect(provider('not an ip')).toBeNull();
  });

  it('names its source and read date for every provider', () => {
    for (const block of [...DATACENTER_NETWORKS, ...HUMAN_EGRESS_NETWORKS]) {
      expect(block.source, block.provider).not.toBe('');
      expect(block.read, block.provider).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(block.cidrs.length, block.provider).toBeGreaterThan(0);
    }
  });
});

describe('humanEgress', () => {
  it('names iCloud Private Relay and Zscaler, and nothing for a cloud or a home', () => {
    expect(humanEgress(parseIp(IP.privateRelayAkamai))).toBe('iCloud Private Relay');
    expect(humanEgress(parseIp(IP.privateRelayCloudflare))).toBe('iCloud Private Relay');
    expect(humanEgress(parseIp('165.225.1.1'))).toBe('Zscaler');
    expect(humanEgress(parseIp('3.80.12.1'))).toBeNull();
    expect(humanEgress(parseIp(IP.home))).toBeNull();
  });

  it('wins over the datacenter table when both hold the address', () => {
    const both = '3.80.12.1';
    installNetworkTables({
      datacenter: networkTable([{ name: 'AWS', cidrs: ['3.0.0.0/8'] }]),
      humanEgress: networkTable([{ name: 'iCloud Private Relay', cidrs: ['3.80.12.0/24'] }]),
    });
    try {
      expect(provider(both)).toBeNull();
      expect(humanEgress(parseIp(both))).toBe('iCloud Private Relay');
      expect(provider('3.1.1.1')).toBe('AWS');
    } finally {
      installNetworkTables(baselineNetworkTables());
    }
  });

  it('shares no address between a built-in human-egress block and a datacenter block', () => {
    const datacenter = networkTable(DATACENTER_NETWORKS.map((block) => ({ name: block.provider, cidrs: block.cidrs })));
    const people = networkTable(HUMAN_EGRESS_NETWORKS.map((block) => ({ name: block.provider, cidrs: block.cidrs })));
    const firstAddress = (cidr: string): string => cidr.split('/')[0] ?? '';
    for (const block of HUMAN_EGRESS_NETWORKS) {
      for (const cidr of block.cidrs) expect(lookupNetwork(datacenter, parseIp(firstAddress(cidr))), cidr).toBeNull();
    }
    for (const block of DATACENTER_NETWORKS) {
      for (const cidr of block.cidrs) expect(lookupNetwork(people, parseIp(firstAddress(cidr))), cidr).toBeNull();
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

  it('agrees with a plain scan on random ranges and addresses, IPv4 and IPv6', () => {
    let seed = 7;
    const random = (limit: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % limit;
    };
    const lists = ['a', 'b', 'c'].map((name) => ({
      name,
      cidrs: Array.from({ length: 200 }, () =>
        random(4) === 0
          ? `2001:${random(4).toString(16)}${random(16).toString(16)}:${random(65_536).toString(16)}::/${32 + random(33)}`
          : `${11 + random(3)}.${random(256)}.${random(256)}.0/${8 + random(17)}`,
      ),
    }));
    const table = networkTable(lists);
    const ranges = lists.flatMap(({ name, cidrs }) => cidrs.map((cidr) => ({ name, range: ipaddr.parseCIDR(cidr) })));
    /** The holder by the table's rule: of the ranges holding the address, the one starting first, then listed first. */
    const expected = (address: ipaddr.IPv4 | ipaddr.IPv6): string | null => {
      let best: { name: string; start: string } | null = null;
      for (const { name, range } of ranges) {
        if (range[0].kind() !== address.kind() || !address.match(range)) continue;
        const start =
          range[0].kind() === 'ipv4'
            ? ipaddr.IPv4.networkAddressFromCIDR(range.join('/'))
            : ipaddr.IPv6.networkAddressFromCIDR(range.join('/'));
        const key = start
          .toNormalizedString()
          .split(/[.:]/)
          .map((part) => part.padStart(5, '0'))
          .join('');
        if (best === null || key < best.start) best = { name, start: key };
      }
      return best?.name ?? null;
    };
    let held = 0;
    for (let i = 0; i < 3000; i += 1) {
      const text =
        random(4) === 0
          ? `2001:${random(4).toString(16)}${random(16).toString(16)}:${random(65_536).toString(16)}:${random(65_536).toString(16)}::${random(65_536).toString(16)}`
          : `${11 + random(3)}.${random(256)}.${random(256)}.${random(256)}`;
      const address = parseIp(text);
      if (address === null) continue;
      const holder = expected(address);
      if (holder !== null) held += 1;
      expect(lookupNetwork(table, address), text).toBe(holder);
    }
    expect(held).toBeGreaterThan(300);
  });

  it('rejects a malformed CIDR', () => {
    expect(() => networkTable([{ name: 'bad', cidrs: ['10.0.0.0/33'] }])).toThrow();
  });
});
