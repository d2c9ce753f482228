// A PostgreSQL connection that drops in the middle of a transaction (the cluster restarts, an
// operator ends the session): the transaction fails with an error its caller can handle, the
// process goes on (no unhandled 'error' from the checked-out connection), and the next query runs
// on a fresh connection rather than on the dead one.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PgDatabase } from '../../../src/server/store/postgres/database.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { until } from '../../support/until.ts';

let cluster: PostgresCluster;
let db: PgDatabase;
let admin: pg.Client;

beforeAll(async () => {
  cluster = await startPostgres();
  db = await openPostgres(await cluster.createDatabase('connection_lost'));
  admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await db?.close();
  await cluster?.stop();
});

async function backendEnded(pid: number): Promise<boolean> {
  const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
  return rows.length === 0;
}

describe('a PostgreSQL connection lost mid-transaction', () => {
  it('fails that transaction only, and the next one runs on a new connection', async () => {
    const ended: number[] = [];
    const failure = await db
      .transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const pid = Number(row?.pid);
        ended.push(pid);
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await until('the terminated session to be gone', () => backendEnded(pid), Boolean);
        await tx.query('SELECT 1');
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);

    const [after] = await db.transaction((tx) => tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'));
    expect(after?.pid).not.toBe(ended[0]);
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
