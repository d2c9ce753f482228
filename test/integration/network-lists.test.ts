// The network-list refresh against a real HTTP server on 127.0.0.1 serving lists in each
// provider's own format: a good download replaces the built-in list and is cached; a malformed,
// truncated, too small, missing or stalled list is refused with one log line and the previous good
// copy stays in use; a restart reads the cache.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baselineNetworkTables, datacenterProvider, humanEgress, installNetworkTables } from '../../src/server/ingest/network-registry.ts';
import { DOWNLOADABLE_LIST_IDS, type DownloadableListId } from '../../src/server/ingest/network-lists/list-ids.ts';
import { NetworkLists, type NetworkListHealth } from '../../src/server/ingest/network-lists/network-lists.ts';
import { parseIp } from '../../src/server/ingest/ip-match.ts';
import {
  awsIpRanges,
  azureServiceTags,
  geofeedCsv,
  googleCloudJson,
  madeUpRanges,
  oracleJson,
  privateRelayCsv,
} from '../fixtures/network-lists/provider-formats.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';

const ONLY_DOWNLOADED = '11.0.0.1';
const RELAY_IN_AWS = '3.80.12.7';

/** Each list in its own format, with the ranges a real copy needs at least, plus `extra`. */
const GOOD: Record<DownloadableListId, (extra: readonly string[]) => string> = {
  aws: (extra) => awsIpRanges(madeUpRanges(1100, extra)),
  azure: (extra) => azureServiceTags(madeUpRanges(1100, extra)),
  'google-cloud': (extra) => googleCloudJson(madeUpRanges(150, extra)),
  oracle: (extra) => oracleJson(madeUpRanges(150, extra)),
  digitalocean: (extra) => geofeedCsv(madeUpRanges(150, extra)),
  linode: (extra) => geofeedCsv(madeUpRanges(150, extra)),
  vultr: (extra) => geofeedCsv(madeUpRanges(150, extra)),
  'icloud-private-relay': (extra) =>
    privateRelayCsv(madeUpRanges(1100, extra).map((range) => range.replace(/^11\./, '12.').replace(/^2001:db9:/, '2001:dba:'))),
};

let lists: ListServer;
let dataDir: string;
let lines: string[];
const log = { info: (line: string) => lines.push(`info ${line}`), warn: (line: string) => lines.push(`warn ${line}`) };

function networkLists(timeoutS = 5): NetworkLists {
  const urls = Object.fromEntries(DOWNLOADABLE_LIST_IDS.map((id) => [id, lists.url(`/${id}`)]));
  const service = new NetworkLists({ dataDir, config: { refresh: 'off', timeoutMs: timeoutS * 1000, maxBytes: 1024 * 1024, urls } });
  service.start(log);
  return service;
}

function serveAllGood(): void {
  for (const id of DOWNLOADABLE_LIST_IDS) {
    const extra = id === 'aws' ? [ONLY_DOWNLOADED.replace(/\d+$/, '0/24')] : id === 'icloud-private-relay' ? ['3.80.12.0/24'] : [];
    lists.serve(`/${id}`, { body: GOOD[id](extra) });
  }
}

const healthOf = (service: NetworkLists, provider: string): NetworkListHealth | undefined =>
  service.health().find((entry) => entry.provider === provider);
const provider = (ip: string): string | null => datacenterProvider(parseIp(ip));

beforeAll(async () => {
  lists = await startListServer();
});
afterAll(() => lists.close());
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'glint-lists-'));
  lines = [];
});
afterEach(() => {
  installNetworkTables(baselineNetworkTables());
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a refresh that succeeds', () => {
  it('reads every format, swaps the tables, caches each list and logs one line per list', async () => {
    serveAllGood();
    const service = networkLists();
    await service.load();
    expect(provider(ONLY_DOWNLOADED)).toBeNull();
    expect(provider(RELAY_IN_AWS)).toBe('AWS');

    await service.refreshNow();
    expect(provider(ONLY_DOWNLOADED)).toBe('AWS');
    expect(provider(RELAY_IN_AWS)).toBeNull();
    expect(humanEgress(parseIp(RELAY_IN_AWS))).toBe('iCloud Private Relay');
    expect(provider('2001:db9:9::1')).toBe('AWS');
    // Microsoft keeps its built-in block beside the Service Tags download.
    expect(provider('20.42.65.92')).toBe('Microsoft Azure');
    // Providers without a published list keep their built-in block.
    expect(provider('51.38.1.1')).toBe('OVHcloud');

    expect(lines).toHaveLength(DOWNLOADABLE_LIST_IDS.length);
    expect(lines.every((line) => line.startsWith('info network list '))).toBe(true);
    for (const id of DOWNLOADABLE_LIST_IDS) expect(existsSync(join(dataDir, 'network-lists', `${id}.json`)), id).toBe(true);
    const aws = healthOf(service, 'AWS');
    expect(aws).toMatchObject({ source: 'download', entries: 1101, lastError: null });
    expect(aws?.ageSeconds).toBeLessThan(60);
    expect(aws?.url).toBe(lists.url('/aws'));
    expect(healthOf(service, 'Hetzner')).toMatchObject({ source: 'baseline', fetchedAt: null, lastError: null });
    await service.close();

    installNetworkTables(baselineNetworkTables());
    const restarted = networkLists();
    await restarted.load();
    expect(healthOf(restarted, 'AWS')).toMatchObject({ source: 'cache', entries: 1101 });
    expect(provider(ONLY_DOWNLOADED)).toBe('AWS');
    expect(humanEgress(parseIp(RELAY_IN_AWS))).toBe('iCloud Private Relay');
    await restarted.close();
  });
});

describe('a refresh that fails', () => {
  it('refuses malformed, truncated, too small, missing and stalled lists, keeping the built-in ones', async () => {
    lists.serve('/aws', { body: '{"syncToken":"1","createDate":"x","prefixes":[{"ip_prefix":"3.0.0.0/15"}]}' });
    lists.serve('/google-cloud', { body: GOOD['google-cloud']([]).slice(0, 2000) });
    lists.serve('/oracle', { status: 404, body: 'gone' });
    lists.serve('/digitalocean', 'hang');
    lists.serve('/linode', { body: geofeedCsv(madeUpRanges(20)) });
    lists.serve('/vultr', { body: geofeedCsv(madeUpRanges(150)).slice(0, -4) });
    lists.serve('/azure', { body: azureServiceTags(['not-a-range', ...madeUpRanges(1100)]) });
    lists.serve('/icloud-private-relay', { body: '<html>maintenance</html>\n' });
    const service = networkLists(1);
    await service.load();
    await service.refreshNow();

    const errors = Object.fromEntries(service.health().map((entry) => [entry.provider, entry.lastError]));
    expect(errors.AWS).toMatch(/not AWS's ip-ranges.json: at ipv6_prefixes/);
    expect(errors['Google Cloud']).toMatch(/not valid JSON \(truncated\?\)/);
    expect(errors['Oracle Cloud']).toMatch(/^HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/oracle$/);
    expect(errors.DigitalOcean).toMatch(/no complete answer from .* within 1 s/);
    expect(errors['Linode (Akamai)']).toMatch(/only 20 ranges .* fewer than the 100/);
    expect(errors.Vultr).toMatch(/last line is cut off/);
    expect(errors['Microsoft Azure']).toMatch(/"not-a-range" is not an address range/);
    expect(errors['iCloud Private Relay']).toMatch(/line 1 does not start with an address range/);
    expect(service.health().every((entry) => entry.source === 'baseline')).toBe(true);
    expect(lines).toHaveLength(DOWNLOADABLE_LIST_IDS.length);
    expect(lines.every((line) => line.startsWith('warn network list ') && line.includes('keeping the built-in list'))).toBe(true);
    expect(existsSync(join(dataDir, 'network-lists'))).toBe(false);
    expect(provider('3.80.12.1')).toBe('AWS');
    await service.close();
  });

  it('keeps the previous good download when the next one is broken or shrinks to less than half', async () => {
    serveAllGood();
    lists.serve('/aws', { body: awsIpRanges(madeUpRanges(2500, ['11.0.0.0/24'])) });
    const service = networkLists();
    await service.load();
    await service.refreshNow();
    lists.serve('/aws', { body: awsIpRanges(madeUpRanges(1100)) });
    lists.serve('/icloud-private-relay', { status: 500, body: 'oops' });
    lines = [];
    await service.refreshNow();

    expect(healthOf(service, 'AWS')).toMatchObject({ source: 'download', entries: 2501 });
    expect(healthOf(service, 'AWS')?.lastError).toMatch(/^only 1100 ranges from .* fewer than the 1251 a real copy has/);
    expect(healthOf(service, 'iCloud Private Relay')?.lastError).toBe(`HTTP 500 from ${lists.url('/icloud-private-relay')}`);
    expect(provider(ONLY_DOWNLOADED)).toBe('AWS');
    expect(humanEgress(parseIp(RELAY_IN_AWS))).toBe('iCloud Private Relay');
    expect(lines.filter((line) => line.startsWith('warn'))).toEqual([
      expect.stringContaining('network list aws: refused, keeping the downloaded copy of'),
      expect.stringContaining('network list icloud-private-relay: refused, keeping the downloaded copy of'),
    ]);
    await service.close();
  });

  it('stops a stalled download when the server stops', async () => {
    lists.serve('/aws', 'hang');
    const service = networkLists(60);
    await service.load();
    const refresh = service.refreshNow();
    await expect.poll(() => lists.requests('/aws')).toBeGreaterThan(0);
    await service.close();
    await refresh;
    expect(healthOf(service, 'AWS')?.lastError).toMatch(/stopped while downloading/);
  });
});
