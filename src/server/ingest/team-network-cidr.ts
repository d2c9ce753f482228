// Reads a network a team allow-lists (team-networks.ts): an address or a CIDR, IPv4 or IPv6, to
// one normal form (the network address, host bits cleared, and the prefix length), so the same
// network is never stored twice and removal finds it however it was typed. Too-wide prefixes are
// refused: a team allow-lists its VPN exits and offices, not a whole cloud.
import ipaddr from 'ipaddr.js';
import { WIDEST_TEAM_PREFIX_IPV4, WIDEST_TEAM_PREFIX_IPV6 } from '../../shared/team-networks-api.ts';

export type CidrReading = { ok: true; cidr: string } | { ok: false; error: string };

function parse(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return null;
  const isV4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!isV4 && !ipaddr.IPv6.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  if (prefix === undefined) return [parsed, max];
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return [parsed, Number(prefix)];
}

/** The normal form of a network, or a sentence saying why it cannot be allow-listed. */
export function normaliseCidr(text: string): CidrReading {
  const parsed = parse(text.trim());
  if (!parsed) return { ok: false, error: 'This is not a network: write an address or a CIDR such as 203.0.113.0/24 or 2001:db8::/48.' };
  let [address, bits] = parsed;
  // ::ffff:a.b.c.d/n is an IPv4 network written as IPv6 (Node reports IPv4 clients that way).
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  if (address.kind() === 'ipv4') {
    if (bits < WIDEST_TEAM_PREFIX_IPV4) return { ok: false, error: tooWide(`/${bits}`, `/${WIDEST_TEAM_PREFIX_IPV4}`) };
    return { ok: true, cidr: `${ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`).toString()}/${bits}` };
  }
  if (bits < WIDEST_TEAM_PREFIX_IPV6) return { ok: false, error: tooWide(`/${bits}`, `/${WIDEST_TEAM_PREFIX_IPV6}`) };
  return { ok: true, cidr: `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`).toString()}/${bits}` };
}

function tooWide(prefix: string, widest: string): string {
  return `A ${prefix} network is too wide to allow-list: the widest accepted is ${widest}, since allow-listing a whole provider would hide its machines too.`;
}
