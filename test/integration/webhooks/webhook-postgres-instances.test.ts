// Two real `glint serve` processes on one PostgreSQL database, both delivering webhooks: hits
// arrive at either, and every stored event reaches the receiver exactly once (claims with FOR
// UPDATE SKIP LOCKED and leases): one attempt per delivery row, and both processes' workers sent some.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../../src/shared/api-schemas.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../../src/shared/link-signing.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { until } from '../../support/until.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { BROWSER_UA } from '../server/helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'glint-webhook-pg-'));
let cluster: PostgresCluster;
let receiver: WebhookReceiver;
const servers: ServeProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await receiver?.close();
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('webhooks with two servers on one PostgreSQL', () => {
  it('delivers each stored event once', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: await cluster.createDatabase('glint_webhooks'),
      GLINT_SECRET_KEY: 'a-shared-server-key-of-enough-characters-42',
      DATA_DIR: root,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MAILBOX_WATCH: 'off',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_CONCURRENCY: '4',
    };
    const added = await glintCommand(env)('user', 'add', 'rep@northwind.example', '--json');
    const apiToken = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
    const headers = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };
    servers.push(await spawnServe(env), await spawnServe(env));
    const [a, b] = servers.map((server) => server.url) as [string, string];
    const hook = await glintCommand({ ...env, GLINT_TOKEN: apiToken, GLINT_SERVER: a })(
      'webhook',
      'add',
      receiver.url,
      '--kinds',
      'open',
      '--json',
    );
    expect(hook.code).toBe(0);

    const me = (await (await fetch(`${a}/api/v1/me`, { headers })).json()) as { signingKey: SigningKey };
    const tokens = Array.from({ length: 60 }, () => mintEmailToken(me.signingKey));
    for (const token of tokens) {
      const response = await fetch(`${a}/api/v1/emails`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ token, subject: 'Hi', to: ['x@example.org'] }),
      });
      expect(response.status).toBe(201);
    }
    await Promise.all(
      tokens.map((token, index) => fetch(`${index % 2 === 0 ? a : b}/t/o/${token}.gif`, { headers: { 'user-agent': BROWSER_UA } })),
    );
    const feed = (await (await fetch(`${b}/api/v1/feed?cursor=0&limit=500`, { headers })).json()) as FeedResponse;
    const stored = feed.events.map((event) => event.id).sort();
    expect(stored).toHaveLength(60);
    await receiver.until((requests) => requests.length >= stored.length);
    const ids = receiver.requests.map((request) => request.json.id);
    expect(ids.slice().sort()).toEqual(stored);
    // Each row was claimed once (one attempt), and both processes' workers claimed some.
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      type Row = { status: string; attempts: number; claimed_by: string };
      const read = async (): Promise<Row[]> => (await client.query<Row>('SELECT status, attempts, claimed_by FROM crm_deliveries')).rows;
      // The last outcomes are recorded just after their answers: read until every row says so.
      const rows = await until('every delivery row recorded as delivered', read, (all) => all.every((row) => row.status === 'delivered'));
      expect(rows).toHaveLength(60);
      expect(rows.filter((row) => row.status !== 'delivered' || row.attempts !== 1)).toEqual([]);
      expect(new Set(rows.map((row) => row.claimed_by)).size).toBe(2);
    } finally {
      await client.end();
    }
  });
});
