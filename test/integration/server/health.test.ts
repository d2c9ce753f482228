// /healthz answers anyone with { ok, store } only, after a real query on the store: 503 when the
// store does not answer (a closed SQLite store, a PostgreSQL cluster that was stopped), which is
// what nginx and systemd act on. The internals (network list URLs and errors, feed waiters) are
// at /healthz/details for the operator's HEALTH_DETAILS_TOKEN only: 401 without it or with a
// wrong one, 404 when no token is configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { startServer, type TestServer } from '../../support/start-server.ts';
import { until } from '../../support/until.ts';
import { json } from './helpers.ts';

const TOKEN = 'health-details-0123456789abcdef';
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

interface Details {
  ok: boolean;
  store: string;
  details: { networkLists: { provider: string; source: string; url: string; lastError: string | null }[]; feedWaiters: number };
}

describe('health with a details token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { HEALTH_DETAILS_TOKEN: TOKEN } });
  });
  afterAll(() => server?.close());

  it('tells anyone only that the server and its store answer', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ ok: true, store: 'ok' });
    expect(text).not.toMatch(/networkLists|feedWaiters|https?:/);
  });

  it('shows the network lists and feed waiters to the token holder', async () => {
    const response = await fetch(`${server.baseUrl}/healthz/details`, { headers: bearer(TOKEN) });
    expect(response.status).toBe(200);
    const body = await json<Details>(response);
    expect(body).toMatchObject({ ok: true, store: 'ok', details: { feedWaiters: 0 } });
    expect(body.details.networkLists).toContainEqual(expect.objectContaining({ provider: 'AWS', source: 'baseline' }));
    expect(body.details.networkLists[0]?.url).toMatch(/^https:\/\//);
  });

  it('refuses the details without the token or with a wrong one, in a sentence', async () => {
    const wrongs: Record<string, string>[] = [
      {},
      bearer('health-details-0123456789abcdeX'), // same length, last character differs
      bearer('short'),
      { authorization: `Basic ${Buffer.from(`ops:${TOKEN}`).toString('base64')}` },
    ];
    for (const headers of wrongs) {
      const response = await fetch(`${server.baseUrl}/healthz/details`, { headers });
      expect(response.status).toBe(401);
      const body = await json<{ error: { code: string; message: string } }>(response);
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.message).toMatch(/^Send Authorization: Bearer <HEALTH_DETAILS_TOKEN> /);
      expect(JSON.stringify(body)).not.toContain('networkLists');
    }
  });

  it('answers 503 once the store no longer answers', async () => {
    await server.context.store.close();
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, store: 'unavailable' });
    const details = await json<Details>(await fetch(`${server.baseUrl}/healthz/details`, { headers: bearer(TOKEN) }));
    expect(details).toMatchObject({ ok: false, store: 'unavailable' });
  });
});

describe('health without a details token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('has no details route at all, even with a bearer token', async () => {
    for (const headers of [{}, bearer(TOKEN)]) {
      const response = await fetch(`${server.baseUrl}/healthz/details`, { headers });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No route GET /healthz/details' } });
    }
    expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toEqual({ ok: true, store: 'ok' });
  });
});

describe('health on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let server: TestServer;
  beforeAll(async () => {
    cluster = await startPostgres();
    server = await startServer({ env: { DATABASE_URL: await cluster.createDatabase('health') } });
  });
  afterAll(async () => {
    // Its cluster is gone by now: the close may find nothing to say goodbye to.
    await server?.close().catch(() => undefined);
    await cluster?.stop();
  });

  it('answers 503 within seconds when the cluster is stopped', { timeout: 30_000 }, async () => {
    expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toEqual({ ok: true, store: 'ok' });
    await cluster.stop();
    const started = performance.now();
    const response = await until(
      'healthz to report the store unavailable',
      () => fetch(`${server.baseUrl}/healthz`),
      (answer) => answer.status === 503,
    );
    const elapsedMs = Math.round(performance.now() - started);
    expect(await response.json()).toEqual({ ok: false, store: 'unavailable' });
    console.log(JSON.stringify({ healthzUnavailableAfterMs: elapsedMs }));
    expect(elapsedMs).toBeLessThan(5000);
  });
});
