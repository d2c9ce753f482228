// A store that cannot write (PostgreSQL switched to read-only for every session, as a full disk or
// a failed-over primary would leave it): opens and clicks are still answered, held in memory and
// written once the store takes writes again, each exactly once and in order, with one outage line
// in the log rather than one per hit.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutageLog } from '../../../src/server/ingest/held/held-hits.ts';
import { clickUrl } from '../../../src/shared/tracking-urls.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { BROWSER_UA, openPixel, readFeed, registerEmail } from './helpers.ts';

const LINK = 'https://acme.example/pricing';

let cluster: PostgresCluster;
let admin: pg.Client;
/** Reads the server's database directly: what is really stored. */
let reader: pg.Client;
let server: TestServer;
let alice: TestUser;
const lines: { level: 'warn' | 'info'; message: string; fields: object }[] = [];
const recorder: OutageLog = {
  warn: (fields, message) => lines.push({ level: 'warn', message, fields }),
  info: (fields, message) => lines.push({ level: 'info', message, fields }),
};

/** Every session of the cluster read-only (on) or writable again (off), as a reload applies it. */
async function setReadOnly(on: boolean): Promise<void> {
  await admin.query(on ? 'ALTER SYSTEM SET default_transaction_read_only = on' : 'ALTER SYSTEM RESET default_transaction_read_only');
  await admin.query('SELECT pg_reload_conf()');
  // The postmaster has signalled every session once a new one starts with the new setting.
  const expected = on ? 'on' : 'off';
  for (;;) {
    const probe = new pg.Client({ connectionString: cluster.url });
    await probe.connect();
    const { rows } = await probe.query<{ default_transaction_read_only: string }>('SHOW default_transaction_read_only');
    await probe.end();
    if (rows[0]?.default_transaction_read_only === expected) return;
  }
}

async function storedEvents(token: string): Promise<{ id: string; kind: string; at: string }[]> {
  const { rows } = await reader.query<{ id: string; kind: string; at: string }>(
    'SELECT id, kind, at FROM events WHERE email_token = $1 ORDER BY seq',
    [token],
  );
  return rows;
}

beforeAll(async () => {
  cluster = await startPostgres();
  admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  // The admin session stays writable whatever the cluster's default is.
  await admin.query('SET default_transaction_read_only = off');
});
afterAll(async () => {
  await admin?.end();
  await cluster?.stop();
});

describe('hits while the store cannot write (PostgreSQL read-only)', () => {
  beforeAll(async () => {
    const databaseUrl = await cluster.createDatabase('glint_outage');
    reader = new pg.Client({ connectionString: databaseUrl });
    await reader.connect();
    server = await startServer({ env: { DATABASE_URL: databaseUrl } });
    server.context.heldHits.log = recorder;
    alice = await server.addUser();
  });
  afterAll(async () => {
    await server?.close();
    await reader?.end();
  });

  it('answers every hit, stores none during the outage and each exactly once after it', async () => {
    const { token, response } = await registerEmail(server, alice, { links: [{ index: 0, url: LINK }] });
    expect(response.status).toBe(201);

    await setReadOnly(true);
    const kinds: string[] = [];
    for (let index = 0; index < 8; index++) {
      if (index % 3 === 2) {
        const click = await fetch(clickUrl(server.baseUrl, alice.signingKey, token, 0, LINK), {
          redirect: 'manual',
          headers: { 'user-agent': BROWSER_UA },
        });
        expect(click.status).toBe(302);
        expect(click.headers.get('location')).toBe(LINK);
        kinds.push('click');
      } else {
        const open = await openPixel(server, token);
        expect(open.status).toBe(200);
        expect(open.headers.get('content-type')).toBe('image/gif');
        kinds.push('open');
      }
    }
    expect(await storedEvents(token)).toEqual([]);
    expect(server.context.heldHits.holding).toBe(true);

    await setReadOnly(false);
    await server.context.heldHits.whenEmpty();

    const stored = await storedEvents(token);
    expect(stored.map((event) => event.kind)).toEqual(kinds);
    expect(new Set(stored.map((event) => event.id)).size).toBe(kinds.length);
    // Written in the order they came, each with the time it was answered.
    const times = stored.map((event) => Number(event.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const feed = await readFeed(server, alice, '?limit=100');
    const inFeed = feed.events.filter((event) => event.email.token === token).map((event) => event.id);
    expect(inFeed.sort()).toEqual(stored.map((event) => event.id).sort());

    expect(lines.map((line) => line.message)).toEqual([
      'the store cannot write: hits are answered and held in memory until it can',
      'the store writes again: held hits written',
    ]);
    expect(lines[1]?.fields).toMatchObject({ kept: 8, written: 8, dropped: 0 });
  });
});

describe('a longer outage than the queue holds', () => {
  let small: TestServer;
  const smallLines: string[] = [];
  let smallUser: TestUser;

  beforeAll(async () => {
    const databaseUrl = await cluster.createDatabase('glint_outage_small');
    small = await startServer({ env: { DATABASE_URL: databaseUrl, HELD_HITS_MAX: '3' } });
    small.context.heldHits.log = {
      warn: (_fields, message) => smallLines.push(message),
      info: (fields, message) => smallLines.push(`${message} ${JSON.stringify(fields)}`),
    };
    smallUser = await small.addUser();
  });
  afterAll(async () => {
    await small?.close();
  });

  it('answers every hit, writes the first HELD_HITS_MAX and counts the rest as dropped', async () => {
    const { token } = await registerEmail(small, smallUser);
    await setReadOnly(true);
    for (let index = 0; index < 5; index++) expect((await openPixel(small, token)).status).toBe(200);
    await setReadOnly(false);
    await small.context.heldHits.whenEmpty();
    const { events } = await readFeed(small, smallUser, '?limit=100');
    expect(events.filter((event) => event.email.token === token)).toHaveLength(3);
    expect(smallLines).toHaveLength(2);
    expect(smallLines[1]).toContain('"kept":3,"written":3,"dropped":2');
  });
});
