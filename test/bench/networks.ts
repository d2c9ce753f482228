// bench:networks — ns per datacenter-network lookup with the full built-in table (every provider,
// IPv4 and IPv6), against two baselines in the same run: a Set lookup of the address text (the
// cheapest thing a lookup could be) and ip-match.ts's inNetworks() over the same CIDRs (a linear
// scan, how the gateway lists are matched). Addresses are parsed beforehand, as classify() does
// once per hit. Prints JSON.
//   npm run bench:networks [-- --lookups 200000 --rounds 5]
import { parseArgs } from 'node:util';
import { DATACENTER_NETWORKS, datacenterProvider } from '../../src/server/ingest/datacenter-networks/index.ts';
import { inNetworks, networkList, parseIp, type IpAddress } from '../../src/server/ingest/ip-match.ts';

const { values: options } = parseArgs({
  options: {
    lookups: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
  },
});
const lookups = Number(options.lookups);
const rounds = Number(options.rounds);

// A fixed pseudo-random mix: a third inside the clouds' ranges, the rest anywhere (mostly misses,
// the common case for a reader's address), a tenth of all IPv6.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const allCidrs = DATACENTER_NETWORKS.flatMap((block) => block.cidrs);
function sampleAddress(): string {
  if (random() < 0.1) {
    const groups = Array.from({ length: 8 }, () => Math.floor(random() * 65_536).toString(16));
    if (random() < 0.5) groups[0] = '2600';
    return groups.join(':');
  }
  const octets = Array.from({ length: 4 }, () => Math.floor(random() * 256));
  if (random() < 0.33) {
    const cidr = allCidrs[Math.floor(random() * allCidrs.length)] ?? '3.0.0.0/15';
    if (!cidr.includes(':')) {
      const [first, second] = cidr.split('.');
      octets[0] = Number(first);
      octets[1] = Number(second);
    }
  }
  return octets.join('.');
}
const texts = Array.from({ length: 4096 }, sampleAddress);
const addresses = texts.map((text) => parseIp(text)).filter((address): address is IpAddress => address !== null);

const textSet = new Set(allCidrs.map((cidr) => cidr.split('/')[0]));
const linearList = networkList(allCidrs);

let found = 0;
function nsPerLookup(lookup: (index: number) => unknown, count = lookups): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) if (lookup(i % addresses.length)) found += 1;
  return Number(process.hrtime.bigint() - started) / count;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const results = { table: [] as number[], setOfTexts: [] as number[], linearInNetworks: [] as number[] };
const linearLookups = Math.max(1, Math.floor(lookups / 100));
for (let round = 0; round < rounds; round += 1) {
  results.table.push(nsPerLookup((i) => datacenterProvider(addresses[i] ?? null)));
  results.setOfTexts.push(nsPerLookup((i) => textSet.has(texts[i] ?? '')));
  // The linear scan is far slower; time fewer lookups so a round stays short.
  results.linearInNetworks.push(nsPerLookup((i) => inNetworks(addresses[i] ?? null, linearList), linearLookups));
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
console.log(
  JSON.stringify(
    {
      bench: 'networks',
      node: process.version,
      providers: DATACENTER_NETWORKS.length,
      cidrs: { v4: linearList.v4.length, v6: linearList.v6.length },
      lookupsPerRound: lookups,
      rounds,
      nsPerLookupMedian: {
        table: round1(median(results.table)),
        setOfTexts: round1(median(results.setOfTexts)),
        linearInNetworks: round1(median(results.linearInNetworks)),
      },
      found,
      hits: addresses.filter((address) => datacenterProvider(address) !== null).length / addresses.length,
    },
    null,
    2,
  ),
);
