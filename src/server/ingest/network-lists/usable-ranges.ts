// Checks and compacts the ranges of a parsed list: each must be a real CIDR (one that is not makes
// the list malformed), no wider than a /8 (IPv6: /16), which no provider has; special-purpose ranges
// (documentation, private, 6to4 ...), which some geofeeds carry, are dropped so they never label
// anyone; overlapping and adjacent ranges are merged into the fewest CIDRs (Apple's ~280,000
// Private Relay prefixes become a few tens of thousands), which keeps the cache, the start and the
// table swap small. Works in slices, yielding between them, so a large list never holds up hits.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { cidrEnd, parseCidr, type ParsedCidr } from '../cidr-parse.ts';
import { ListFormatError } from './list-format-error.ts';

const SLICE = 5000;

// IANA's special-purpose registries (RFC 6890 and later): not anyone's network.
const SPECIAL = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
  '::/8',
  '64:ff9b::/96',
  '100::/64',
  '2001::/23',
  '2001:db8::/32',
  '2002::/16',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
].map((cidr) => parseCidr(cidr) as ParsedCidr);

function isSpecial(range: ParsedCidr): boolean {
  return SPECIAL.some((special) => special.v4 === range.v4 && special.start <= range.start && range.start <= cidrEnd(special));
}

interface Span<T> {
  start: T;
  end: T;
}

/** The fewest CIDRs covering [start, end] exactly. */
function spanToCidrs<T extends number | bigint>(span: Span<T>, width: number, format: (start: T, bits: number) => string): string[] {
  const cidrs: string[] = [];
  const big = (value: T): bigint => BigInt(value);
  let start = big(span.start);
  const end = big(span.end);
  while (start <= end) {
    let bits = width;
    while (bits > 0) {
      const size = 1n << BigInt(width - bits + 1);
      if (start % size !== 0n || start + size - 1n > end) break;
      bits -= 1;
    }
    cidrs.push(format((typeof span.start === 'number' ? Number(start) : start) as T, bits));
    start += 1n << BigInt(width - bits);
  }
  return cidrs;
}

/** Sorts and merges overlapping or adjacent spans. */
function mergeV4(spans: Span<number>[]): Span<number>[] {
  spans.sort((x, y) => x.start - y.start);
  const out: Span<number>[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last !== undefined && span.start <= last.end + 1) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

function mergeV6(spans: Span<bigint>[]): Span<bigint>[] {
  spans.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
  const out: Span<bigint>[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last !== undefined && span.start <= last.end + 1n) last.end = last.end > span.end ? last.end : span.end;
    else out.push({ ...span });
  }
  return out;
}

const v4Text = (start: number, bits: number): string =>
  `${[16_777_216, 65_536, 256, 1].map((unit) => Math.floor(start / unit) % 256).join('.')}/${bits}`;

/** RFC 5952 text: lower-case hex, the longest run of two or more zero groups written as ::. */
function v6Text(start: bigint, bits: number): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((start >> BigInt(112 - i * 16)) & 0xffffn));
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  const text = best.at < 0 ? hex.join(':') : `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
  return `${text}/${bits}`;
}

export async function usableRanges(cidrs: readonly string[]): Promise<string[]> {
  const v4: Span<number>[] = [];
  const v6: Span<bigint>[] = [];
  for (let from = 0; from < cidrs.length; from += SLICE) {
    for (const text of cidrs.slice(from, from + SLICE)) {
      const cidr = text.trim();
      const range = parseCidr(cidr);
      if (range === null) throw new ListFormatError(`"${cidr.slice(0, 60)}" is not an address range (CIDR)`);
      if (range.bits < (range.v4 ? 8 : 16)) throw new ListFormatError(`${cidr} is wider than any provider's range`);
      if (isSpecial(range)) continue;
      if (range.v4) v4.push({ start: range.start, end: cidrEnd(range) as number });
      else v6.push({ start: range.start, end: cidrEnd(range) as bigint });
    }
    await nextTurn();
  }
  const result = mergeV4(v4).flatMap((span) => spanToCidrs(span, 32, v4Text));
  await nextTurn();
  return [...result, ...mergeV6(v6).flatMap((span) => spanToCidrs(span, 128, v6Text))];
}
