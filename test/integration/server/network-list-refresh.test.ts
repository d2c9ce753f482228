// The daily network-list refresh through the real server and `glint classify`: lists in the
// providers' own formats served from 127.0.0.1; a desktop Chrome open from an address only the
// downloaded AWS list holds is human before the refresh and machine / datacenter-network after it;
// an address of iCloud Private Relay stays human, in the server and in `glint classify` reading the
// server's cache. A list that answers 404 leaves the built-in one in use and says so in /healthz/details.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { DOWNLOADABLE_LIST_IDS, urlVariableOf } from '../../../src/server/ingest/network-lists/list-ids.ts';
import { baselineNetworkTables, installNetworkTables } from '../../../src/server/ingest/network-registry.ts';
import { IP, UA } from '../../fixtures/hits/real-world.ts';
import { awsIpRanges, madeUpRanges, privateRelayCsv } from '../../fixtures/network-lists/provider-formats.ts';
import { GLINT_BIN } from '../../support/glint-serve.ts';
import { startListServer, type ListServer } from '../../support/list-server.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json, openPixel, readFeed, registerEmail } from './helpers.ts';

const ONLY_DOWNLOADED = '11.0.0.1';
const RELAY_IN_AWS = '3.80.12.7';
/** The operator's token for /healthz/details, where each list's source and last error are shown. */
const HEALTH_TOKEN = 'list-refresh-health-token-0123456789';
const HOUR_AGO = (): string => new Date(Date.now() - 3_600_000).toISOString();

interface ListHealth {
  provider: string;
  source: string;
  entries: number;
  lastError: string | null;
}

let lists: ListServer;
let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  lists = await startListServer();
  const urls = Object.fromEntries(DOWNLOADABLE_LIST_IDS.map((id) => [urlVariableOf(id), lists.url(`/${id}`)]));
  server = await startServer({
    env: { TRUST_PROXY: 'true', NETWORK_LISTS_REFRESH: 'daily', HEALTH_DETAILS_TOKEN: HEALTH_TOKEN, ...urls },
  });
  alice = await server.addUser();
});
afterAll(async () => {
  await server.close();
  await lists.close();
  installNetworkTables(baselineNetworkTables());
});

async function labelOfOpen(ip: string): Promise<[string, string, string | undefined]> {
  const { token } = await registerEmail(server, alice, { sentAt: HOUR_AGO() });
  expect((await openPixel(server, token, { 'x-forwarded-for': ip })).status).toBe(200);
  let event: FeedEvent | undefined;
  let cursor = '0';
  while (event === undefined) {
    const page = await readFeed(server, alice, `?cursor=${cursor}&wait=5&includeMachine=true`);
    event = page.events.find((candidate) => candidate.email.token === token);
    if (page.events.length === 0) throw new Error(`no event for the open from ${ip}`);
    cursor = String(page.cursor);
  }
  const network = event.details?.network;
  return [event.label, event.reason, typeof network === 'string' ? network : undefined];
}

/** Runs the real `glint classify` with DATA_DIR and the input on stdin; its output lines. */
function glintClassify(dataDir: string, input: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GLINT_BIN, 'classify'], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`glint classify exited ${code}: ${stderr}`));
      else
        resolve(
          stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as unknown),
        );
    });
    child.stdin.end(input);
  });
}

async function awsHealth(): Promise<ListHealth | undefined> {
  const body = await json<{ ok: true; details: { networkLists: ListHealth[] } }>(
    await fetch(`${server.baseUrl}/healthz/details`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } }),
  );
  expect(body.ok).toBe(true);
  return body.details.networkLists.find((list) => list.provider === 'AWS');
}

describe('the daily refresh through the real server', () => {
  it('keeps the built-in list when the download answers 404, then swaps in the downloaded one', async () => {
    // The start's own check and this one both meet a 404 (nothing is served yet).
    await server.context.networkLists.refreshNow();
    expect(await awsHealth()).toMatchObject({ source: 'baseline', lastError: `HTTP 404 from ${lists.url('/aws')}` });
    expect(await labelOfOpen(ONLY_DOWNLOADED)).toEqual(['human', 'no-machine-signal', undefined]);
    expect(await labelOfOpen(RELAY_IN_AWS)).toEqual(['machine', 'datacenter-network', 'AWS']);

    lists.serve('/aws', { body: awsIpRanges(madeUpRanges(1100, ['11.0.0.0/24'])) });
    lists.serve('/icloud-private-relay', {
      body: privateRelayCsv(madeUpRanges(1100, ['3.80.12.0/24']).map((r) => r.replace(/^11\./, '12.'))),
    });
    await server.context.networkLists.refreshNow();

    expect(await awsHealth()).toMatchObject({ source: 'download', entries: 1101, lastError: null });
    expect(await labelOfOpen(ONLY_DOWNLOADED)).toEqual(['machine', 'datacenter-network', 'AWS']);
    expect(await labelOfOpen(RELAY_IN_AWS)).toEqual(['human', 'no-machine-signal', undefined]);
    expect(await labelOfOpen(IP.privateRelayAkamai)).toEqual(['human', 'no-machine-signal', undefined]);
  });

  it('gives glint classify the same answers from the cache the server wrote, and the built-in lists without one', async () => {
    const lines = [
      { type: 'sent', token: 'em_RefreshCheck0000000001', at: '2026-12-03T08:00:00.000Z', ownerDevices: [], links: 1 },
      ...[ONLY_DOWNLOADED, RELAY_IN_AWS, IP.privateRelayCloudflare].map((ip, index) => ({
        type: 'hit',
        id: `h${index}`,
        kind: 'open',
        token: 'em_RefreshCheck0000000001',
        at: '2026-12-03T10:00:00.000Z',
        ip,
        userAgent: UA.chromeWindows,
      })),
    ];
    const input = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
    expect(await glintClassify(server.dataDir, input)).toEqual([
      { id: 'h0', label: 'machine', reason: 'datacenter-network', network: 'AWS' },
      { id: 'h1', label: 'human', reason: 'no-machine-signal' },
      { id: 'h2', label: 'human', reason: 'no-machine-signal' },
    ]);
    const empty = mkdtempSync(join(tmpdir(), 'glint-no-lists-'));
    try {
      expect(await glintClassify(empty, input)).toEqual([
        { id: 'h0', label: 'human', reason: 'no-machine-signal' },
        { id: 'h1', label: 'machine', reason: 'datacenter-network', network: 'AWS' },
        { id: 'h2', label: 'human', reason: 'no-machine-signal' },
      ]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
