// Databases as an older Glint left them, for the migration tests: written with some of the
// migration files applied and recorded in schema_migrations (as the store's migrator does), seeded
// with rows in raw SQL, or changed in raw SQL after the current store wrote them. Opening a store on
// one then runs the migrations under test.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import type { Store } from '../../src/server/store/store.ts';

const STORE_DIR = fileURLToPath(new URL('../../src/server/store/', import.meta.url));

export type Dialect = 'sqlite' | 'postgres';
/** [version (file name without .sql), sql]. */
export type Migration = [string, string];
/** A row in SQL both dialects accept, with $n placeholders (rewritten to ? for SQLite). */
export type SeedRow = [string, (string | number)[]];

/** The migration files of a dialect whose file name `keep` accepts, in order. */
export function migrationFiles(dialect: Dialect, keep: (fileName: string) => boolean): Migration[] {
  const dir = join(STORE_DIR, dialect, 'migrations');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && keep(name))
    .sort()
    .map((name) => [name.replace(/\.sql$/, ''), readFileSync(join(dir, name), 'utf8')]);
}

/** Runs `use` on a fresh temporary directory (a SQLite data directory), removed afterwards. */
export async function inTempDir(prefix: string, use: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the SQLite database of data directory `dir` with `migrations` applied and recorded, then `seed`. */
export function writeSqlite(dir: string, migrations: readonly Migration[], seed: readonly SeedRow[]): void {
  const raw = new Database(join(dir, DATABASE_FILE_NAME));
  try {
    raw.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const [version, sql] of migrations) {
      raw.exec(sql);
      raw.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(version);
    }
    for (const [sql, params] of seed) raw.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
  } finally {
    raw.close();
  }
}

/** Writes the empty PostgreSQL database at `url` with `migrations` applied and recorded, then `seed`. */
export async function writePostgres(url: string, migrations: readonly Migration[], seed: readonly SeedRow[]): Promise<void> {
  await onPostgres(url, async (client) => {
    await client.query('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    for (const [version, sql] of migrations) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [version]);
    }
    for (const [sql, params] of seed) await client.query(sql, params);
  });
}

/** Runs raw SQL (one statement when given `params`, else any) on the SQLite database of `dir`, no store open. */
export function execSqlite(dir: string, sql: string, params?: readonly (string | number)[]): void {
  const raw = new Database(join(dir, DATABASE_FILE_NAME));
  try {
    if (params) raw.prepare(sql).run(...params);
    else raw.exec(sql);
  } finally {
    raw.close();
  }
}

/** Runs raw SQL on the PostgreSQL database at `url`, with no store open. */
export async function execPostgres(url: string, sql: string): Promise<void> {
  await onPostgres(url, async (client) => {
    await client.query(sql);
  });
}

/** Runs `check` on a store just opened (so migrated), and closes it whatever happens. */
export async function checkStore(store: Store, check: (store: Store) => Promise<void>): Promise<void> {
  try {
    await check(store);
  } finally {
    await store.close();
  }
}

async function onPostgres(url: string, use: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}
