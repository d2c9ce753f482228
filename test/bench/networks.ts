// bench:networks — ns per network lookup as classify() makes it (datacenterProvider(): the
// human-egress table, then the datacenter table), with the built-in tables and with FULL-SIZE
// tables as large as the real downloaded lists (AWS + Azure + Google Cloud in the datacenter table,
// Apple's Private Relay egress list in the human-egress one: hundreds of thousands of prefixes,
// IPv4 and IPv6, made up here), against baselines in the same run: a Set lookup of the address text
// (the cheapest thing a lookup could be) and ip-match.ts's inNetworks() scanning the built-in CIDRs
// (a linear scan, how the gateway lists are matched). Also the time to build the full-size tables
// (what a refresh's swap costs the event loop). Addresses are parsed beforehand, as classify() does
// once per hit. Prints JSON.
//   npm run bench:networks [-- --lookups 200000 --rounds 5 --scale 1]
import { parseArgs } from 'node:util';
import { DATACENTER_NETWORKS, HUMAN_EGRESS_NETWORKS } from '../../src/server/ingest/datacenter-networks/index.ts';
import { inNetworks, networkList, parseIp, type IpAddress } from '../../src/server/ingest/ip-match.ts';
import {
  baselineNetworkTables,
  datacenterProvider,
  installNetworkTables,
  type NetworkTables,
} from '../../src/server/ingest/network-registry.ts';
import { usableRanges } from '../../src/server/ingest/network-lists/usable-ranges.ts';
import { networkTable, tableSize } from '../../src/server/ingest/network-table.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const { values: options } = parseArgs({
  options: {
    lookups: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
    scale: { type: 'string', default: '1' },
  },
});
const lookups = Number(options.lookups);
const rounds = Number(options.rounds);
const scale = Number(options.scale);

// mulberry32: a fixed pseudo-random sequence (32-bit integer arithmetic, so it stays exact).
let seed = 42;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const hex = (): string => Math.floor(random() * 65_536).toString(16);

/** A made-up IPv4 prefix with its host bits cleared. */
function v4Prefix(minBits: number, maxBits: number): string {
  const bits = between(minBits, maxBits);
  const value = (Math.floor(random() * 2 ** 32) >>> (32 - bits)) * 2 ** (32 - bits);
  return `${[24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')}/${bits}`;
}

/** A made-up IPv6 prefix of up to /64 under one of a few provider-like /16s. */
function v6Prefix(first: string, bits: 32 | 48 | 56 | 64): string {
  const groups = [first, hex(), hex(), hex()].slice(0, bits / 16 + (bits % 16 === 0 ? 0 : 1));
  if (bits === 56) groups[3] = (Number.parseInt(groups[3] ?? '0', 16) & 0xff00).toString(16);
  return `${groups.join(':')}::/${bits}`;
}

// Sizes of the real lists (prefixes), rounded up: AWS ~10,000, Azure Service Tags ~70,000
// distinct, Google Cloud ~900, Apple's Private Relay egress 42,000 IPv4 (read) and IPv6 taken as
// 240,000 (an upper estimate: only its merged form, ~10,500 prefixes, could be read).
const size = (count: number): number => Math.round(count * scale);
const cloudV4 = Array.from({ length: size(62_000) }, () => v4Prefix(16, 28));
const cloudV6 = Array.from({ length: size(19_000) }, () =>
  v6Prefix(['2600', '2603', '2a05'][between(0, 2)] ?? '2600', [32, 48, 56, 64][between(0, 3)] as 48),
);
const relayV4 = Array.from({ length: size(42_000) }, () => v4Prefix(24, 32));
const relayV6 = Array.from({ length: size(240_000) }, () => v6Prefix(['2a02', '2606', '2a09'][between(0, 2)] ?? '2a02', 64));

const buildStarted = process.hrtime.bigint();
const fullTables: NetworkTables = {
  datacenter: networkTable([
    { name: 'AWS', cidrs: cloudV4.slice(0, size(8_000)) },
    { name: 'Microsoft Azure', cidrs: [...cloudV4.slice(size(8_000)), ...cloudV6] },
  ]),
  humanEgress: networkTable([{ name: 'iCloud Private Relay', cidrs: [...relayV4, ...relayV6] }]),
};
const buildMs = Number(process.hrtime.bigint() - buildStarted) / 1e6;

// What a refresh of the relay list does: check and merge the ranges in slices (usable-ranges.ts),
// then build the table; how long it takes and the longest the event loop (the pixel path) waits.
const stalls = monitorEventLoopDelay({ resolution: 5 });
stalls.enable();
const refreshStarted = process.hrtime.bigint();
const relayMerged = await usableRanges([...relayV4, ...relayV6]);
const relayTable = networkTable([{ name: 'iCloud Private Relay', cidrs: relayMerged }]);
const refreshMs = Number(process.hrtime.bigint() - refreshStarted) / 1e6;
stalls.disable();

// A fixed mix: a third inside listed prefixes, the rest anywhere (mostly misses, the common case
// for a reader's address), a tenth of all IPv6.
const listed = [...cloudV4, ...relayV4];
const listedV6 = [...cloudV6, ...relayV6];
function sampleAddress(): string {
  const inside = random() < 0.33;
  if (random() < 0.1) {
    const prefix = listedV6[between(0, listedV6.length - 1)] ?? '2600::/32';
    const groups = Array.from({ length: 8 }, hex);
    if (inside) groups.splice(0, 4, ...(prefix.split('::')[0] ?? '2600').split(':').concat(['0', '0', '0']).slice(0, 4));
    return groups.join(':');
  }
  if (!inside) return Array.from({ length: 4 }, () => between(0, 255)).join('.');
  const [network] = (listed[between(0, listed.length - 1)] ?? '3.0.0.0/16').split('/');
  return network ?? '3.0.0.0';
}
const texts = Array.from({ length: 4096 }, sampleAddress);
const addresses = texts.map((text) => parseIp(text)).filter((address): address is IpAddress => address !== null);

const builtInCidrs = [...DATACENTER_NETWORKS, ...HUMAN_EGRESS_NETWORKS].flatMap((block) => block.cidrs);
const textSet = new Set(builtInCidrs.map((cidr) => cidr.split('/')[0]));
const linearList = networkList(builtInCidrs);
const builtInTables = baselineNetworkTables();

let found = 0;
function nsPerLookup(lookup: (index: number) => unknown, count = lookups): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) if (lookup(i % addresses.length)) found += 1;
  return Number(process.hrtime.bigint() - started) / count;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const results = {
  fullSizeTables: [] as number[],
  builtInTables: [] as number[],
  setOfTexts: [] as number[],
  linearInNetworks: [] as number[],
};
const linearLookups = Math.max(1, Math.floor(lookups / 100));
for (let round = 0; round < rounds; round += 1) {
  installNetworkTables(fullTables);
  results.fullSizeTables.push(nsPerLookup((i) => datacenterProvider(addresses[i] ?? null)));
  installNetworkTables(builtInTables);
  results.builtInTables.push(nsPerLookup((i) => datacenterProvider(addresses[i] ?? null)));
  results.setOfTexts.push(nsPerLookup((i) => textSet.has(texts[i] ?? '')));
  // The linear scan is far slower; time fewer lookups so a round stays short.
  results.linearInNetworks.push(nsPerLookup((i) => inNetworks(addresses[i] ?? null, linearList), linearLookups));
}

installNetworkTables(fullTables);
const fullHits = addresses.filter((address) => datacenterProvider(address) !== null).length / addresses.length;
const round1 = (value: number): number => Math.round(value * 10) / 10;
const nsPerLookupMedian = {
  fullSizeTables: round1(median(results.fullSizeTables)),
  builtInTables: round1(median(results.builtInTables)),
  setOfTexts: round1(median(results.setOfTexts)),
  linearInNetworks: round1(median(results.linearInNetworks)),
};
console.log(
  JSON.stringify(
    {
      bench: 'networks',
      node: process.version,
      fullSize: {
        prefixes: {
          datacenterV4: cloudV4.length,
          datacenterV6: cloudV6.length,
          humanEgressV4: relayV4.length,
          humanEgressV6: relayV6.length,
        },
        intervalsAfterOverlapsCut: {
          datacenter: tableSize(fullTables.datacenter),
          humanEgress: tableSize(fullTables.humanEgress),
        },
        buildMs: Math.round(buildMs),
      },
      relayRefresh: {
        published: relayV4.length + relayV6.length,
        mergedCidrs: relayMerged.length,
        intervals: tableSize(relayTable),
        totalMs: Math.round(refreshMs),
        longestEventLoopStallMs: Math.round(stalls.max / 1e6),
      },
      builtIn: {
        providers: DATACENTER_NETWORKS.length + HUMAN_EGRESS_NETWORKS.length,
        cidrs: { v4: linearList.v4.length, v6: linearList.v6.length },
      },
      lookupsPerRound: lookups,
      rounds,
      nsPerLookupMedian,
      ratios: {
        fullSizeOverBuiltIn: Number((nsPerLookupMedian.fullSizeTables / nsPerLookupMedian.builtInTables).toFixed(2)),
        fullSizeOverSetOfTexts: Number((nsPerLookupMedian.fullSizeTables / nsPerLookupMedian.setOfTexts).toFixed(1)),
      },
      found,
      datacenterHitsInFullSizeMix: Number(fullHits.toFixed(3)),
    },
    null,
    2,
  ),
);
