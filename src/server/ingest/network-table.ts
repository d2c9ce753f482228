// A sorted interval table for "which listed network holds this address?": every CIDR becomes a
// [first, last] interval, overlaps are cut away at build time, and a lookup is one binary search.
// O(log n) per hit whatever the table size, where ip-match.ts's inNetworks() tries every CIDR;
// built for the pixel path, where every hit is looked up. IPv4 as numbers, IPv6 as bigints.
import ipaddr from 'ipaddr.js';
import { cidrEnd, parseCidr } from './cidr-parse.ts';
import type { IpAddress } from './ip-match.ts';

interface Interval<T> {
  start: T;
  end: T;
  name: string;
  /** Position in the input, to break ties between ranges that start at the same address. */
  rank: number;
}

/** Sorted by start, no two overlapping. */
type Family<T> = readonly Interval<T>[];

export interface NetworkTable {
  v4: Family<number>;
  v6: Family<bigint>;
}

function v4Number(address: ipaddr.IPv4): number {
  const [a, b, c, d] = address.octets as [number, number, number, number];
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

function v6Number(address: ipaddr.IPv6): bigint {
  let value = 0n;
  for (const part of address.parts) value = (value << 16n) | BigInt(part);
  return value;
}

/** Sorts and cuts overlaps: the range starting first keeps them (the same start: the one listed first). */
function compact<T extends number | bigint>(intervals: Interval<T>[], next: (end: T) => T): Family<T> {
  const byStart = [...intervals].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.rank - y.rank));
  const family: Interval<T>[] = [];
  for (const interval of byStart) {
    const last = family.at(-1);
    if (last === undefined || interval.start > last.end) family.push(interval);
    else if (interval.end > last.end) family.push({ ...interval, start: next(last.end) });
  }
  return family;
}

/** Builds the table from named CIDR lists; a malformed CIDR throws (a data typo fails at start-up). */
export function networkTable(lists: readonly { name: string; cidrs: readonly string[] }[]): NetworkTable {
  const v4: Interval<number>[] = [];
  const v6: Interval<bigint>[] = [];
  for (const { name, cidrs } of lists) {
    for (const cidr of cidrs) {
      const parsed = parseCidr(cidr);
      if (parsed === null) throw new Error(`not an address range (CIDR): ${cidr}`);
      const rank = v4.length + v6.length;
      if (parsed.v4) v4.push({ start: parsed.start, end: cidrEnd(parsed) as number, name, rank });
      else v6.push({ start: parsed.start, end: cidrEnd(parsed) as bigint, name, rank });
    }
  }
  return { v4: compact(v4, (end) => end + 1), v6: compact(v6, (end) => end + 1n) };
}

// Two copies of one binary search, not one generic function: a search that sees both numbers and
// bigints compares polymorphically, which costs V8 most of its speed (bench:networks).
function findV4(family: Family<number>, value: number): string | null {
  let low = 0;
  let high = family.length - 1;
  let candidate: Interval<number> | undefined;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const interval = family[middle];
    if (interval === undefined) break;
    if (interval.start <= value) {
      candidate = interval;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate !== undefined && value <= candidate.end ? candidate.name : null;
}

function findV6(family: Family<bigint>, value: bigint): string | null {
  let low = 0;
  let high = family.length - 1;
  let candidate: Interval<bigint> | undefined;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const interval = family[middle];
    if (interval === undefined) break;
    if (interval.start <= value) {
      candidate = interval;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate !== undefined && value <= candidate.end ? candidate.name : null;
}

/** An address as the tables compare it: computed once per hit, looked up in several tables. */
export type AddressKey = { v4: true; value: number } | { v4: false; value: bigint };

/** The address's key; IPv4-mapped IPv6 becomes its IPv4 address. */
export function addressKey(address: IpAddress | null): AddressKey | null {
  if (!address) return null;
  if (address.kind() === 'ipv4') return { v4: true, value: v4Number(address as ipaddr.IPv4) };
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return { v4: true, value: v4Number(v6.toIPv4Address()) };
  return { v4: false, value: v6Number(v6) };
}

export function lookupKey(table: NetworkTable, key: AddressKey | null): string | null {
  if (key === null) return null;
  return key.v4 ? findV4(table.v4, key.value) : findV6(table.v6, key.value);
}

/** The name of the network holding the address, or null. IPv4-mapped IPv6 is matched as IPv4. */
export function lookupNetwork(table: NetworkTable, address: IpAddress | null): string | null {
  return lookupKey(table, addressKey(address));
}
