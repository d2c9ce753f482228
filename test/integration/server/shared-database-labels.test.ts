// Several servers on one PostgreSQL database judge hits as one server does. One scripted sequence
// of hits (every rule that reads an email's history: repeat opens, the owner's devices, self-view
// beacons before and after the proxy fetch, Gmail's fetch at send, link sweeps and the person on a
// call, hits before registration) is sent to one `glint serve` on SQLite, to one on PostgreSQL,
// and alternately to two on one PostgreSQL database; every event's label, reason and repeat flag
// must be the same. Each step goes to the other server than the step before, so every read of the
// email's history on one server follows writes made through the other.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../src/server/store/sqlite/database.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type { SigningKey } from '../../../src/shared/link-signing.ts';
import { clickUrl } from '../../../src/shared/tracking-urls.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { BROWSER_UA } from './helpers.ts';
import { SCRIPT_EMAILS, scriptSteps, type Step } from './shared-database-script.ts';

const root = mkdtempSync(join(tmpdir(), 'glint-shared-labels-'));
let cluster: PostgresCluster;
const running: ServeProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  for (const server of running) await server.stop();
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** One event as the rep ends up with it: [email, kind, label, reason, repeat]. */
type Outcome = [string, string, string, string, boolean];

interface Setup {
  servers: ServeProcess[];
  headers: Record<string, string>;
  signingKey: SigningKey;
  /** Every stored event of the script, in arrival order. */
  outcomes(tokens: Map<string, string>): Promise<Outcome[]>;
  close(): Promise<void>;
}

async function startSetup(name: string, instances: number, postgres: boolean): Promise<Setup> {
  const dataDir = join(root, name);
  mkdirSync(dataDir);
  const databaseUrl = postgres ? await cluster.createDatabase(`glint_${name}`) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    GLINT_SECRET_KEY: 'a-shared-server-key-of-enough-characters-42',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAILBOX_WATCH: 'off',
    CAMPAIGN_SENDING: 'off',
    TRUST_PROXY: 'true',
  };
  const added = await glintCommand(env)('user', 'add', 'rep@northwind.example', '--json');
  expect([added.code, added.stderr]).toEqual([0, '']);
  const apiToken = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
  const headers = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };
  const servers: ServeProcess[] = [];
  for (let index = 0; index < instances; index++) servers.push(await spawnServe(env));
  running.push(...servers);
  const first = servers[0]?.url ?? '';
  const me = (await (await fetch(`${first}/api/v1/me`, { headers })).json()) as { signingKey: SigningKey };

  type Row = { email_token: string; kind: string; label: string; reason: string; repeat: number; at: number; id: string };
  const ordered = (rows: Row[], tokens: Map<string, string>): Outcome[] => {
    const names = new Map([...tokens].map(([emailName, token]) => [token, emailName]));
    return rows
      .filter((row) => names.has(row.email_token))
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
      .map((row) => [names.get(row.email_token) ?? '', row.kind, row.label, row.reason, row.repeat === 1]);
  };
  const select = 'SELECT id, email_token, kind, label, reason, repeat, at FROM events';
  return {
    servers,
    headers,
    signingKey: me.signingKey,
    async outcomes(tokens) {
      if (databaseUrl) {
        const client = new pg.Client({ connectionString: databaseUrl, types: { getTypeParser: () => (value: string) => value } });
        await client.connect();
        try {
          const { rows } = await client.query<Record<keyof Row, string>>(select);
          return ordered(
            rows.map((row) => ({ ...row, repeat: Number(row.repeat), at: Number(row.at) })),
            tokens,
          );
        } finally {
          await client.end();
        }
      }
      const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
      try {
        return ordered(db.prepare<[], Row>(select).all(), tokens);
      } finally {
        db.close();
      }
    },
    async close() {
      for (const server of servers) await server.stop();
    },
  };
}

/** Sends the script, step i to server i mod n; resolves each step once its answer arrived. */
async function runScript(setup: Setup): Promise<Map<string, string>> {
  const tokens = new Map(SCRIPT_EMAILS.map((emailName) => [emailName, mintEmailToken(setup.signingKey)]));
  const device = mintId('device');
  const steps = scriptSteps();
  for (const [index, step] of steps.entries()) {
    const base = setup.servers[index % setup.servers.length]?.url ?? '';
    const response = await send(setup, base, tokens, device, step);
    expect([index, step.do, response.status]).toEqual([index, step.do, expectedStatus(step)]);
  }
  return tokens;
}

function expectedStatus(step: Step): number {
  if (step.do === 'click') return 302;
  if (step.do === 'register') return 201;
  return 200;
}

async function send(setup: Setup, base: string, tokens: Map<string, string>, device: string, step: Step): Promise<Response> {
  const token = tokens.get(step.email) ?? '';
  const { headers } = setup;
  switch (step.do) {
    case 'register': {
      const sentAt = new Date(Date.now() - step.sentSecondsAgo * 1000).toISOString();
      const links = step.links.map((url, index) => ({ index, url }));
      const body = { token, subject: step.email, to: ['reader@example.org'], sentAt, links };
      return fetch(`${base}/api/v1/emails`, { method: 'POST', headers, body: JSON.stringify(body) });
    }
    case 'device':
      return fetch(`${base}/api/v1/devices`, { method: 'POST', headers, body: JSON.stringify({ deviceId: device, name: 'Laptop' }) });
    case 'self-view':
      return fetch(`${base}/api/v1/self-views`, {
        method: 'POST',
        headers: { ...headers, 'x-glint-device': device },
        body: JSON.stringify({ token }),
      });
    case 'open':
      return fetch(`${base}/t/o/${token}.gif`, {
        headers: { 'user-agent': step.userAgent, 'x-forwarded-for': step.ip, ...(step.fromDevice ? { 'x-glint-device': device } : {}) },
      });
    case 'click':
      return fetch(clickUrl(base, setup.signingKey, token, step.link, `https://acme.example/${step.link}`), {
        redirect: 'manual',
        headers: { 'user-agent': step.userAgent ?? BROWSER_UA, 'x-forwarded-for': step.ip },
      });
  }
}

describe('two servers on one PostgreSQL database', () => {
  it('label every hit of the script as one server does', async () => {
    const results: Outcome[][] = [];
    // One at a time: started together, the CLI's `user add` ran past its limit on a loaded machine.
    for (const [name, instances, postgres] of [
      ['sqlite_one', 1, false],
      ['pg_one', 1, true],
      ['pg_two', 2, true],
    ] as const) {
      const setup = await startSetup(name, instances, postgres);
      const tokens = await runScript(setup);
      await setup.close();
      results.push(await setup.outcomes(tokens));
    }
    const [sqliteOne, pgOne, pgTwo] = results;
    // What one server says, so a change of the script cannot hide a rule the test no longer reaches.
    expect(pgOne).toEqual(EXPECTED);
    expect(sqliteOne).toEqual(EXPECTED);
    expect(pgTwo).toEqual(pgOne);
  }, 180_000);
});

const human = (email: string, kind: 'open' | 'click', repeat = false): Outcome => [email, kind, 'human', 'no-machine-signal', repeat];
const EXPECTED: Outcome[] = [
  ['repeat', 'open', 'machine', 'bot-ua', false],
  human('repeat', 'open'),
  human('repeat', 'open', true),
  human('at-send', 'open'),
  ['at-send', 'open', 'machine', 'gmail-proxy-at-send', false],
  human('device', 'open'),
  ['device', 'open', 'self', 'sender-device', false],
  human('viewed', 'open'),
  ['viewed', 'open', 'self', 'sender-self-view', false],
  ['relabelled', 'open', 'self', 'sender-self-view', false],
  ['sweep', 'click', 'machine', 'link-scanner-all-links', false],
  ['sweep', 'click', 'machine', 'link-scanner-all-links', false],
  ['sweep', 'click', 'machine', 'link-scanner-all-links', false],
  human('on-call', 'open'),
  human('on-call', 'click'),
  ['on-call', 'click', 'machine', 'link-scanner-timing', false],
  ['orphans', 'click', 'machine', 'link-scanner-all-links', false],
  ['orphans', 'click', 'machine', 'link-scanner-all-links', false],
  human('orphans', 'open'),
  human('orphans', 'open', true),
  human('orphans', 'open', true),
];
