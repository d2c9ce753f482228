// The stores the contract runs against, and the per-test setup: every test starts from an empty
// database holding only the seed accounts (SQLite: a new temporary directory; PostgreSQL: this
// file's database in its throwaway cluster, emptied) and a newly opened store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { seedAccounts } from './records.ts';

/** One empty database: `open` may be called again after the store closed (a restart). */
interface Database {
  open(): Promise<Store>;
  remove(): Promise<void>;
}

export interface StoreFactory {
  name: string;
  /** Once per test file, before the first database. */
  setup(): Promise<void>;
  createDatabase(): Promise<Database>;
  teardown(): Promise<void>;
}

const sqlite: StoreFactory = {
  name: 'SQLite',
  async setup() {},
  async createDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'glint-contract-'));
    return {
      open: async () => openSqliteStore(dir),
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  async teardown() {},
};

/**
 * Empties every table but the migrations' record and restarts the event seqs: as good as a new
 * database for the next test, in a few milliseconds instead of CREATE DATABASE's quarter second.
 */
async function emptyPostgresDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    );
    if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}

function postgres(): StoreFactory {
  let cluster: PostgresCluster | null = null;
  let url: string | null = null;
  return {
    name: 'PostgreSQL',
    async setup() {
      cluster = await startPostgres();
      url = await cluster.createDatabase('contract');
    },
    async createDatabase() {
      if (!url) throw new Error('the PostgreSQL cluster did not start');
      const database = url;
      // Every store of the previous test is closed by now (afterEach).
      await emptyPostgresDatabase(database);
      return { open: () => openPostgresStore(database), remove: async () => {} };
    },
    async teardown() {
      await cluster?.stop();
    },
  };
}

export const STORE_FACTORIES: readonly StoreFactory[] = [sqlite, postgres()];

export interface ContractContext {
  /** The store under test: a fresh database per test, seeded with records.ts's accounts. */
  readonly store: Store;
  /** Closes the store and opens the same database again, as a server restart does. */
  reopen(): Promise<Store>;
  /** A second store on the same database, as the CLI opens beside a running server (closed after the test). */
  openBeside(): Promise<Store>;
}

/** Registers the hooks of one factory's describe block and returns the context its tests read. */
export function useStore(factory: StoreFactory): ContractContext {
  let database: Database | null = null;
  let current: Store | null = null;
  const beside: Store[] = [];
  const context: ContractContext = {
    get store(): Store {
      if (!current) throw new Error('no store open (read it inside a test)');
      return current;
    },
    async reopen() {
      if (!database) throw new Error('no database (call it inside a test)');
      await current?.close();
      current = null;
      current = await database.open();
      return current;
    },
    async openBeside() {
      if (!database) throw new Error('no database (call it inside a test)');
      const other = await database.open();
      beside.push(other);
      return other;
    },
  };

  beforeAll(() => factory.setup());
  afterAll(() => factory.teardown());
  beforeEach(async () => {
    database = await factory.createDatabase();
    current = await database.open();
    await seedAccounts(current);
  });
  afterEach(async () => {
    for (const other of beside.splice(0)) await other.close();
    await current?.close();
    current = null;
    await database?.remove();
    database = null;
  });
  return context;
}
