// The hourly deletion of hits whose token was never registered (ingest/orphans/orphan-expiry.ts),
// with two real `glint serve` processes on one PostgreSQL database holding such hits from nine
// days ago: one instance takes the turn (lease job:orphan-expiry) and deletes them all, the other
// finds the turn held and runs nothing. The hand-over after a killed holder is in
// test/unit/server/leased-interval.test.ts (a turn lasts an hour).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import { startGlintCluster, type GlintCluster } from '../../support/glint-cluster.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { until } from '../../support/until.ts';
import { hit } from '../store/records.ts';

const EXPIRED = 6;
let postgres: PostgresCluster;
let cluster: GlintCluster;
let db: pg.Client;

beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('orphan_expiry');
  const store = await openPostgresStore(databaseUrl);
  try {
    const nineDaysAgo = new Date(Date.now() - 9 * 86_400_000);
    for (let n = 0; n < EXPIRED; n++) {
      const token = mintEmailToken();
      expect(await store.admitOrphanHit(token, { perToken: 10, total: 100 })).toBe(true);
      await store.appendEvent(hit(token, { at: nineDaysAgo }));
    }
  } finally {
    await store.close();
  }
  cluster = await startGlintCluster({ instances: 2, databaseUrl, env: { MAILBOX_WATCH: 'off', LOG_LEVEL: 'debug' } });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await cluster?.stop();
  await postgres?.stop();
});

/** The orphan-expiry lines an instance logged: their message and deleted count. */
function expiryLines(index: number): { msg: string; deleted?: number }[] {
  return (cluster.instances[index]?.output() ?? '')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { component?: string; msg: string; deleted?: number; lease?: string })
    .filter((line) => line.component === 'orphan-expiry' || line.lease === 'job:orphan-expiry');
}

describe('orphan expiry across two instances', () => {
  it('runs the turn in one instance only, which deletes every expired hit', async () => {
    await until(
      'both instances looked at the turn',
      async () => [0, 1].map((index) => expiryLines(index).length),
      (counts) => counts.every((count) => count > 0),
    );
    const lines = [expiryLines(0), expiryLines(1)];
    const ran = lines.map((own) => own.filter((line) => line.msg === 'deleted hits of tokens never registered'));
    const skipped = lines.map((own) => own.filter((line) => line.msg === 'another instance has this turn'));
    expect(ran.flat()).toEqual([expect.objectContaining({ deleted: EXPIRED })]);
    const runner = ran.findIndex((own) => own.length > 0);
    expect(skipped[1 - runner]).toHaveLength(1);
    expect(skipped[runner]).toEqual([]);

    const left = await db.query("SELECT count(*)::int AS n FROM events WHERE user_id IS NULL AND kind IN ('open', 'click')");
    expect(left.rows).toEqual([{ n: 0 }]);
    const total = await db.query('SELECT hits::int AS hits FROM orphan_hit_total');
    expect(total.rows).toEqual([{ hits: 0 }]);
    // Taken once: a second taking (by the other instance) would have raised the generation.
    const lease = await db.query("SELECT generation::int AS generation FROM work_leases WHERE name = 'job:orphan-expiry'");
    expect(lease.rows).toEqual([{ generation: 1 }]);
  });
});
