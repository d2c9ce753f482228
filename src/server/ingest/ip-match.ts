// IP helpers for the classifier and the abuse limits: parse once, match against CIDR lists,
// compare networks, name a client's network. Never throws on a malformed address: a hit with an
// unreadable IP simply matches no network.
import ipaddr from 'ipaddr.js';
import { SAME_NETWORK_PREFIX_IPV4, SAME_NETWORK_PREFIX_IPV6 } from '../../shared/tracking-config.ts';
import { boundedMemo } from '../lib/bounded-memo.ts';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [IpAddress, number];

/** A parsed list of CIDR ranges, split by family so matching never mixes IPv4 and IPv6. */
export interface NetworkList {
  v4: readonly Cidr[];
  v6: readonly Cidr[];
}

/**
 * Parses an address; IPv4-mapped IPv6 (::ffff:1.2.3.4, what Node reports) becomes plain IPv4.
 * Remembered per text (every hit parses its client's address): read the result, never change it.
 */
export const parseIp = boundedMemo(4096, (text: string): IpAddress | null => {
  const trimmed = text.trim();
  const valid = ipaddr.IPv4.isValidFourPartDecimal(trimmed) || ipaddr.IPv6.isValid(trimmed);
  return valid ? ipaddr.process(trimmed) : null;
});

/** True for a dotted-quad IPv4 or any IPv6 address (what an input line may carry). */
export function isValidIp(text: string): boolean {
  return parseIp(text) !== null;
}

/** Parses CIDR strings at module load; a typo in a data file fails loudly at start-up. */
export function networkList(cidrs: readonly string[]): NetworkList {
  const v4: Cidr[] = [];
  const v6: Cidr[] = [];
  for (const cidr of cidrs) {
    const parsed = ipaddr.parseCIDR(cidr) as Cidr;
    (parsed[0].kind() === 'ipv4' ? v4 : v6).push(parsed);
  }
  return { v4, v6 };
}

export function inNetworks(address: IpAddress | null, list: NetworkList): boolean {
  if (!address) return false;
  if (address.kind() === 'ipv4') {
    const v4 = address as ipaddr.IPv4;
    return list.v4.some(([range, bits]) => v4.match(range as ipaddr.IPv4, bits));
  }
  const v6 = address as ipaddr.IPv6;
  return list.v6.some(([range, bits]) => v6.match(range as ipaddr.IPv6, bits));
}

/** Same /24 (IPv4) or /64 (IPv6): one scanner host pool, or one office behind NAT. */
export function sameNetwork(a: IpAddress | null, b: IpAddress | null): boolean {
  if (!a || !b || a.kind() !== b.kind()) return false;
  if (a.kind() === 'ipv4') return (a as ipaddr.IPv4).match(b as ipaddr.IPv4, SAME_NETWORK_PREFIX_IPV4);
  return (a as ipaddr.IPv6).match(b as ipaddr.IPv6, SAME_NETWORK_PREFIX_IPV6);
}

/** The same client: the same IPv4 address, or the same /64 (one IPv6 host or home gets a whole /64). */
export function sameClient(a: IpAddress | null, b: IpAddress | null): boolean {
  if (!a || !b || a.kind() !== b.kind()) return false;
  if (a.kind() === 'ipv4') return a.toString() === b.toString();
  return (a as ipaddr.IPv6).match(b as ipaddr.IPv6, SAME_NETWORK_PREFIX_IPV6);
}

/**
 * The key of a client for abuse limits: an IPv4 address, or the /64 of an IPv6 one (one host gets
 * a whole /64, so counting single IPv6 addresses would let it rotate past any limit).
 */
export function networkKey(ip: string): string {
  const address = parseIp(ip);
  if (!address) return ip;
  if (address.kind() === 'ipv4') return address.toString();
  return `${address.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}
