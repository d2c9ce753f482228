// Opens the PostgreSQL database (DATABASE_URL) with a connection pool and applies its numbered
// migrations (migrations/ beside this file). BIGINT columns (times in ms, seq, sizes) come back as
// numbers, as from SQLite, so both stores map rows alike.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;
const INT8_OID = 20;
/** Advisory lock ids (any constants unique to Glint): migrations, and every write of events. */
const MIGRATION_LOCK = 746_110_001;
const EVENT_WRITE_LOCK = 746_110_002;

export interface PgQueryable {
  /** Runs one statement with positional parameters ($1, $2 ...) and returns its rows. */
  query<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface PgDatabase extends PgQueryable {
  /**
   * query() as a named prepared statement: each connection parses and plans it once. For a
   * statement every hit runs whose planning costs more than its execution.
   */
  queryPrepared<R>(name: string, text: string, params: readonly unknown[]): Promise<R[]>;
  /** Runs `work` in one transaction on one connection: committed when it resolves, else rolled back. */
  transaction<R>(work: (tx: PgQueryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/**
 * Called first in every transaction that inserts events or gives them a new seq. Held to commit,
 * so seqs are committed in the order they were taken and a feed cursor never skips one that
 * commits late (across processes too).
 */
export async function lockEventWrites(tx: PgQueryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [EVENT_WRITE_LOCK]);
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgres(connectionString: string): Promise<PgDatabase> {
  const pool = new pg.Pool({ connectionString, types, max: 10 });
  // An idle connection that drops (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const query = async <R>(text: string, params?: readonly unknown[]): Promise<R[]> =>
    (await pool.query(text, params as unknown[] | undefined)).rows as R[];
  const db: PgDatabase = {
    query,
    queryPrepared: async <R>(name: string, text: string, params: readonly unknown[]): Promise<R[]> =>
      (await pool.query({ name, text, values: params as unknown[] })).rows as R[],
    async transaction(work) {
      const client = await pool.connect();
      // A checked-out connection has no listener of the pool's: one that drops mid-transaction
      // (the cluster stops or restarts) would emit an unhandled 'error' and end the process.
      let lost: Error | undefined;
      const onLost = (error: Error): void => {
        lost = error;
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (text, params) => (await client.query(text, params as unknown[] | undefined)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.removeListener('error', onLost);
        // Released with its error, a dropped connection is closed rather than handed out again.
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
  try {
    await migrate(db);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

/** Applies each numbered migration once, in order, each in its own transaction. */
export async function migrate(db: PgDatabase): Promise<string[]> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort();
  const done: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    // Under a lock: the CLI and the server may open a fresh database together.
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const existing = await tx.query('SELECT version FROM schema_migrations WHERE version = $1', [version]);
      if (existing.length > 0) return false;
      await tx.query(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, Date.now()]);
      return true;
    });
    if (applied) done.push(version);
  }
  return done;
}
