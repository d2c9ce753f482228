// Checks the CIDRs of a parsed list: each must be a real CIDR (one that is not is a malformed list),
// and special-purpose ranges (documentation, 6to4, private ...), which some geofeeds carry, are
// dropped so they never label anyone. A range wider than a /8 (IPv6: /16) is refused: no provider has one.
import ipaddr from 'ipaddr.js';
import { ListFormatError } from './list-format-error.ts';

export function usableCidrs(cidrs: readonly string[]): string[] {
  const usable: string[] = [];
  for (const text of cidrs) {
    const cidr = text.trim();
    if (!ipaddr.isValidCIDR(cidr)) throw new ListFormatError(`"${cidr.slice(0, 60)}" is not an address range (CIDR)`);
    const [address, bits] = ipaddr.parseCIDR(cidr);
    if (bits < (address.kind() === 'ipv4' ? 8 : 16)) throw new ListFormatError(`${cidr} is wider than any provider's range`);
    // A host address written with a mask (10.1.2.3/8) is allowed: the table takes its network.
    if (address.range() === 'unicast') usable.push(`${address.toString()}/${bits}`);
  }
  return usable;
}
