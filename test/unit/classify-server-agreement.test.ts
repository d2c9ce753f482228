// `glint classify` (ClassificationState over a stream) and the server (ingestEvent over a real
// SQLite store) must label the same input alike: both build the classifier's context with the same
// windows (src/server/ingest/context-window.ts). The same JSON Lines go through both paths here; the
// server gets each hit at its `at` (an injected clock), sends as registrations, self views as
// beacons of the email's owner, a sent line's allowedNetworks as the owner's team's list. Labels
// compared are those given on arrival; and the final ones: the last line `glint classify` prints
// for an id (its relabel lines) and the label the server ends up storing after later evidence (a
// completed sweep, a self-view beacon).
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInputLine, type InputLine } from '../../src/server/cli/classify-input.ts';
import { ClassificationState } from '../../src/server/ingest/classification-state.ts';
import { runClassify } from '../../src/server/cli/classify-command.ts';
import { relabelSelfViewedOpens } from '../../src/server/ingest/self-view-relabel.ts';
import { FeedHub } from '../../src/server/ingest/feed-hub.ts';
import { TeamNetworkCache } from '../../src/server/ingest/team-network-cache.ts';
import { ingestEvent } from '../../src/server/ingest/ingest-event.ts';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { openSqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/server/store/store.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const FIXTURE = new URL('../fixtures/hits/realistic-day.jsonl', import.meta.url);
const ON_CALL = new URL('../fixtures/hits/person-on-call.jsonl', import.meta.url);
const USER_ID = 'us_agreementRep0000000001';
const TEAM_ID = 'tm_agreementTeam000000001';

interface Label {
  id: string;
  label: string;
  reason: string;
  network?: string;
}

let dataDir: string;
let store: Store;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'glint-agreement-'));
  store = openSqliteStore(dataDir, { synchronous: 'NORMAL' });
  await store.createTeam({ id: TEAM_ID, name: 'Agreement', plan: 'free', createdAt: new Date(0) });
  await store.createUser({
    id: USER_ID,
    email: 'rep@agreement.example',
    passwordHash: 'x',
    teamId: TEAM_ID,
    createdAt: new Date(0),
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function parse(lines: readonly string[]): InputLine[] {
  return lines.map((text) => {
    const parsed = parseInputLine(text);
    if (!parsed.ok) throw new Error(`invalid line: ${parsed.error}`);
    return parsed.line;
  });
}

function viaCli(lines: readonly InputLine[]): Label[] {
  const state = new ClassificationState();
  const labels: Label[] = [];
  for (const line of lines) {
    if (line.type === 'sent') state.recordSent(line);
    else if (line.type === 'selfview') state.recordSelfView(line);
    else labels.push({ id: line.id, ...state.classify(line) });
  }
  return labels;
}

/** Stored event ids by input id, filled by viaServer (for the final labels). */
let storedIds = new Map<string, string>();

async function viaServer(lines: readonly InputLine[], options: { laterEvidence?: boolean } = {}): Promise<Label[]> {
  const hub = new FeedHub();
  const teamNetworks = new TeamNetworkCache(store);
  const labels: Label[] = [];
  storedIds = new Map();
  for (const line of lines) {
    if (line.type === 'sent') {
      // The CLI reads the owner's team's allow-list from the sent line; the server from the team.
      for (const cidr of line.allowedNetworks ?? []) {
        await store.addTeamNetwork({ teamId: TEAM_ID, cidr, label: null, addedBy: 'agreement', addedAt: line.at }, 100);
        teamNetworks.invalidate(TEAM_ID);
      }
      for (const deviceId of line.ownerDevices) await store.upsertDevice({ deviceId, userId: USER_ID, name: 'Rep', at: line.at });
      const links = Array.from({ length: line.links ?? 0 }, (_, index) => ({ index, url: `https://example.com/${index}` }));
      await store.registerEmail({
        token: line.token,
        userId: USER_ID,
        subject: '',
        to: [],
        cc: [],
        bcc: [],
        sentAt: line.at,
        gmailThreadId: null,
        gmailMessageId: null,
        rfcMessageId: null,
        openTracking: true,
        clickTracking: true,
        links,
        createdAt: line.at,
      });
    } else if (line.type === 'selfview') {
      const view = { userId: USER_ID, deviceId: line.deviceId, at: line.at };
      await store.addSelfView(line.token, view);
      // As the self-view route does (not on arrival labels: they are compared before it).
      if (options.laterEvidence) await relabelSelfViewedOpens({ store, hub, teamNetworks }, line.token, view);
    } else {
      const stored = await ingestEvent(
        { store, hub, teamNetworks, now: () => line.at },
        {
          kind: line.kind,
          token: line.token,
          ip: line.ip,
          userAgent: line.userAgent,
          deviceId: line.deviceId,
          linkIndex: line.linkId === undefined ? undefined : Number(line.linkId),
          // As the click route does: clicks carry the user whose key signed the link.
          signerUserId: line.kind === 'click' ? USER_ID : undefined,
        },
      );
      if (!stored) throw new Error(`hit ${line.id} was not recorded`);
      storedIds.set(line.id, stored.id);
      const network = stored.details?.network;
      labels.push({ id: line.id, label: stored.label, reason: stored.reason, ...(typeof network === 'string' ? { network } : {}) });
    }
  }
  hub.close();
  return labels;
}

/** The server's label of each hit now, after any later evidence, in input order. */
async function serverFinalLabels(lines: readonly InputLine[]): Promise<Label[]> {
  await store.flush();
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const read = db.prepare<[string], { label: string; reason: string }>('SELECT label, reason FROM events WHERE id = ?');
    return lines.flatMap((line) => {
      if (line.type !== 'hit') return [];
      const row = read.get(storedIds.get(line.id) ?? '');
      return [{ id: line.id, label: row?.label ?? 'missing', reason: row?.reason ?? 'missing' }];
    });
  } finally {
    db.close();
  }
}

/** `glint classify` in process: the last line printed for each hit id, in input order. */
async function cliFinalLabels(lines: readonly string[]): Promise<{ all: Label[]; last: Label[] }> {
  const output = new PassThrough();
  let stdout = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await runClassify({ input: Readable.from([lines.join('\n')]), output, errors: new PassThrough() });
  expect(code).toBe(0);
  const all = stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Label);
  const last = new Map(all.map((label) => [label.id, label]));
  return { all, last: [...last.values()] };
}

describe('glint classify and the server agree', () => {
  it('on a realistic day of hits', async () => {
    const lines = parse(
      readFileSync(FIXTURE, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    const cli = viaCli(lines);
    expect(cli).toHaveLength(30);
    expect(await viaServer(lines)).toEqual(cli);
  });

  it('on a person on a call: the open just before, read back from the store, explains the click', async () => {
    const lines = parse(
      readFileSync(ON_CALL, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    const cli = viaCli(lines);
    expect(cli.map((label) => label.reason)).toEqual([
      'no-machine-signal',
      'no-machine-signal',
      'link-scanner-timing',
      'link-scanner-timing',
      'link-scanner-timing',
      'link-scanner-timing',
    ]);
    expect(await viaServer(lines)).toEqual(cli);
  });

  it('within the clock-skew tolerance: a beacon stamped after the proxy fetch, a sweep click stamped early', async () => {
    const T = 'em_SkewToleranceCheck0001';
    const hit = (id: string, at: string, extra: Record<string, unknown>): string =>
      JSON.stringify({ type: 'hit', id, token: T, at, ...extra });
    const lines = parse([
      JSON.stringify({ type: 'sent', token: T, at: '2025-03-04T09:00:00Z', ownerDevices: ['dv_SkewRepLaptop00000001'], links: 2 }),
      // The beacon reached the server first but carries a time 3 s after Gmail's fetch.
      JSON.stringify({ type: 'selfview', token: T, deviceId: 'dv_SkewRepLaptop00000001', at: '2025-03-04T11:00:03Z' }),
      hit('ev_skew1', '2025-03-04T11:00:00Z', { kind: 'open', ip: IP.gmailProxy, userAgent: UA.gmailProxy }),
      // A fetch 6 s before the beacon is beyond the tolerance: not this view of the rep's.
      hit('ev_skew2', '2025-03-04T10:59:57Z', { kind: 'open', ip: IP.gmailProxy2, userAgent: UA.gmailProxy }),
      // A sweep whose second click arrived first but is stamped 2 s later.
      hit('ev_skew3', '2025-03-04T11:05:02Z', { kind: 'click', ip: IP.sweepA, userAgent: UA.chromeWindows, linkId: '0' }),
      hit('ev_skew4', '2025-03-04T11:05:00Z', { kind: 'click', ip: IP.sweepB, userAgent: UA.chromeWindows, linkId: '1' }),
    ]);
    const cli = viaCli(lines);
    expect(cli).toEqual([
      { id: 'ev_skew1', label: 'self', reason: 'sender-self-view' },
      { id: 'ev_skew2', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_skew3', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_skew4', label: 'machine', reason: 'link-scanner-all-links' },
    ]);
    expect(await viaServer(lines)).toEqual(cli);
  });

  it('on the final labels: the last line per id is what the server ends up storing', async () => {
    const T = 'em_LaterEvidenceCheck0001';
    const hit = (id: string, at: string, extra: Record<string, unknown>): string =>
      JSON.stringify({ type: 'hit', id, token: T, at, ...extra });
    const text = [
      JSON.stringify({ type: 'sent', token: T, at: '2025-03-04T09:00:00Z', ownerDevices: ['dv_LaterRepLaptop0000001'], links: 3 }),
      // Gmail's proxy fetches the pixel; the rep's beacon for that view comes after it.
      hit('ev_late1', '2025-03-04T11:00:00Z', { kind: 'open', ip: IP.gmailProxy, userAgent: UA.gmailProxy }),
      JSON.stringify({ type: 'selfview', token: T, deviceId: 'dv_LaterRepLaptop0000001', at: '2025-03-04T11:00:02Z' }),
      // A scanner sweeps the three links; a reader at home clicks one meanwhile.
      hit('ev_late2', '2025-03-04T11:05:00Z', { kind: 'click', ip: IP.sweepA, userAgent: UA.chromeWindows, linkId: '0' }),
      hit('ev_late3', '2025-03-04T11:05:01Z', { kind: 'click', ip: IP.home, userAgent: UA.chromeWindows, linkId: '0' }),
      hit('ev_late4', '2025-03-04T11:05:02Z', { kind: 'click', ip: IP.sweepB, userAgent: UA.chromeWindows, linkId: '1' }),
      hit('ev_late5', '2025-03-04T11:05:03Z', { kind: 'click', ip: IP.sweepC, userAgent: UA.chromeWindows, linkId: '2' }),
    ];
    const lines = parse(text);
    const cli = await cliFinalLabels(text);
    expect(cli.all).toEqual([
      { id: 'ev_late1', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_late1', label: 'self', reason: 'sender-self-view', relabel: true },
      { id: 'ev_late2', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_late3', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_late4', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_late5', label: 'machine', reason: 'link-scanner-all-links' },
      { id: 'ev_late2', label: 'machine', reason: 'link-scanner-all-links', relabel: true },
      { id: 'ev_late4', label: 'machine', reason: 'link-scanner-all-links', relabel: true },
    ]);
    await viaServer(lines, { laterEvidence: true });
    expect(await serverFinalLabels(lines)).toEqual(
      cli.last.map(({ id, label, reason }) => ({ id, label, reason })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it("on a team's allow-listed network: judged on the other signals on both", async () => {
    const T = 'em_AllowListAgreement0001';
    const hit = (id: string, at: string, extra: Record<string, unknown>): string =>
      JSON.stringify({ type: 'hit', id, token: T, at, userAgent: UA.chromeWindows, ...extra });
    const lines = parse([
      JSON.stringify({ type: 'sent', token: T, at: '2025-03-04T09:00:00Z', links: 2, allowedNetworks: ['3.80.12.0/24'] }),
      hit('ev_allow1', '2025-03-04T09:00:05Z', { kind: 'click', ip: '3.80.12.7', linkId: '0' }),
      hit('ev_allow2', '2025-03-04T11:00:00Z', { kind: 'open', ip: '3.80.12.1' }),
      hit('ev_allow3', '2025-03-04T11:00:10Z', { kind: 'open', ip: '3.80.13.1' }),
      hit('ev_allow4', '2025-03-04T11:01:00Z', { kind: 'open', ip: '3.80.12.1', userAgent: UA.curl }),
    ]);
    const cli = viaCli(lines);
    expect(cli).toEqual([
      { id: 'ev_allow1', label: 'machine', reason: 'link-scanner-timing' },
      { id: 'ev_allow2', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_allow3', label: 'machine', reason: 'datacenter-network', network: 'AWS' },
      { id: 'ev_allow4', label: 'machine', reason: 'bot-ua' },
    ]);
    expect(await viaServer(lines)).toEqual(cli);
  });
});
