// A sorted interval table for "which listed network holds this address?": every CIDR becomes a
// [first, last] interval, overlaps are cut away at build time, and a lookup is one binary search.
// O(log n) per hit whatever the table size, where ip-match.ts's inNetworks() tries every CIDR;
// built for the pixel path, where every hit is looked up: packed in typed arrays (IPv4 as 32-bit
// numbers with a /16 index, IPv6 as three exact number words), bigints only while building.
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

/**
 * IPv4, packed: sorted starts and ends in typed arrays (a search touches a few cache lines, not a
 * few hundred objects), and for each /16 the first interval starting at or after it, so a search
 * looks only among the intervals near its /16.
 */
interface PackedV4 {
  starts: Uint32Array;
  ends: Uint32Array;
  names: readonly string[];
  /** firstFrom[b]: index of the first interval whose start is >= b << 16 (65,537 entries). */
  firstFrom: Uint32Array;
}

/** IPv6, packed: each start and end as three exact words (48, 48 and 32 bits), no bigint compare. */
interface PackedV6 {
  starts: Float64Array;
  ends: Float64Array;
  names: readonly string[];
}

export interface NetworkTable {
  v4: PackedV4;
  v6: PackedV6;
}

/** How many intervals the table holds, overlaps cut. */
export function tableSize(table: NetworkTable): number {
  return table.v4.names.length + table.v6.names.length;
}

function v4Number(address: ipaddr.IPv4): number {
  const [a, b, c, d] = address.octets as [number, number, number, number];
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** The three words of an IPv6 address (48, 48 and 32 bits), straight from its 16-bit parts. */
function v6Words(address: ipaddr.IPv6): [number, number, number] {
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0] = address.parts;
  return [(p0 * 65_536 + p1) * 65_536 + p2, (p3 * 65_536 + p4) * 65_536 + p5, p6 * 65_536 + p7];
}

/** Sorts and cuts overlaps: the range starting first keeps them (the same start: the one listed first). */
function compact<T extends number | bigint>(intervals: Interval<T>[], next: (end: T) => T): Interval<T>[] {
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
  return { v4: packV4(compact(v4, (end) => end + 1)), v6: packV6(compact(v6, (end) => end + 1n)) };
}

function packV4(intervals: readonly Interval<number>[]): PackedV4 {
  const starts = Uint32Array.from(intervals, (interval) => interval.start);
  const firstFrom = new Uint32Array(65_537);
  let index = 0;
  for (let bucket = 0; bucket <= 65_536; bucket += 1) {
    while (index < starts.length && (starts[index] ?? 0) < bucket * 65_536) index += 1;
    firstFrom[bucket] = index;
  }
  return {
    starts,
    ends: Uint32Array.from(intervals, (interval) => interval.end),
    names: intervals.map((interval) => interval.name),
    firstFrom,
  };
}

const WORD_48 = (1n << 48n) - 1n;

function writeWords(target: Float64Array, at: number, value: bigint): void {
  target[at] = Number(value >> 80n);
  target[at + 1] = Number((value >> 32n) & WORD_48);
  target[at + 2] = Number(value & 0xffffffffn);
}

function packV6(intervals: readonly Interval<bigint>[]): PackedV6 {
  const starts = new Float64Array(intervals.length * 3);
  const ends = new Float64Array(intervals.length * 3);
  intervals.forEach((interval, i) => {
    writeWords(starts, i * 3, interval.start);
    writeWords(ends, i * 3, interval.end);
  });
  return { starts, ends, names: intervals.map((interval) => interval.name) };
}

function findV4(family: PackedV4, value: number): string | null {
  const bucket = value >>> 16;
  // The holder is the last interval starting at or before the address: at most one before this
  // /16's first interval, at most the last one before the next /16's.
  let low = Math.max(0, (family.firstFrom[bucket] ?? 0) - 1);
  let high = (family.firstFrom[bucket + 1] ?? family.starts.length) - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((family.starts[middle] ?? Infinity) <= value) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && value <= (family.ends[candidate] ?? -1) ? (family.names[candidate] ?? null) : null;
}

/** -1, 0 or 1: the three words at `at` against the address's words. */
function compareWords(words: Float64Array, at: number, a: number, b: number, c: number): number {
  const first = words[at] ?? 0;
  if (first !== a) return first < a ? -1 : 1;
  const second = words[at + 1] ?? 0;
  if (second !== b) return second < b ? -1 : 1;
  const third = words[at + 2] ?? 0;
  return third === c ? 0 : third < c ? -1 : 1;
}

function findV6(family: PackedV6, [a, b, c]: readonly [number, number, number]): string | null {
  let low = 0;
  let high = family.names.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (compareWords(family.starts, middle * 3, a, b, c) <= 0) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && compareWords(family.ends, candidate * 3, a, b, c) >= 0 ? (family.names[candidate] ?? null) : null;
}

/** An address as the tables compare it: computed once per hit, looked up in several tables. */
export type AddressKey = { v4: true; value: number } | { v4: false; value: readonly [number, number, number] };

/** The address's key; IPv4-mapped IPv6 becomes its IPv4 address. */
export function addressKey(address: IpAddress | null): AddressKey | null {
  if (!address) return null;
  if (address.kind() === 'ipv4') return { v4: true, value: v4Number(address as ipaddr.IPv4) };
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return { v4: true, value: v4Number(v6.toIPv4Address()) };
  return { v4: false, value: v6Words(v6) };
}

export function lookupKey(table: NetworkTable, key: AddressKey | null): string | null {
  if (key === null) return null;
  return key.v4 ? findV4(table.v4, key.value) : findV6(table.v6, key.value);
}

/** The name of the network holding the address, or null. IPv4-mapped IPv6 is matched as IPv4. */
export function lookupNetwork(table: NetworkTable, address: IpAddress | null): string | null {
  return lookupKey(table, addressKey(address));
}
