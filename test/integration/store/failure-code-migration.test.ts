// The failure-code migrations (SQLite 013, PostgreSQL 010) on a database written without them
// (every other migration applied, as a deployed server has): a document that failed before codes
// keeps its sentence and reads with no code, the generic failure; a code this version does not
// know (written by a newer server) reads as none too.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import { DATABASE_FILE_NAME } from '../../../src/server/store/sqlite/database.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { ALICE, documentRecord } from './records.ts';

const STORE_DIR = fileURLToPath(new URL('../../../src/server/store/', import.meta.url));

/** Every migration file of a dialect but `left`, in order, as [version, sql]. */
function migrationsWithout(dialect: 'sqlite' | 'postgres', left: string): [string, string][] {
  const dir = join(STORE_DIR, dialect, 'migrations');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && name !== `${left}.sql`)
    .sort()
    .map((name) => [name.replace(/\.sql$/, ''), readFileSync(join(dir, name), 'utf8')]);
}

const OLD_SENTENCE = 'This document could not be converted to PDF: it may be damaged or password-protected.';
const failedBefore = documentRecord(ALICE, { status: 'failed', pageCount: 0, failure: OLD_SENTENCE });

/** The seed rows, in SQL both dialects accept, with $n placeholders replaced per dialect. */
const SEED: [string, (string | number)[]][] = [
  ['INSERT INTO teams (id, name, plan, created_at) VALUES ($1, $2, $3, $4)', [ALICE.teamId, 'Acme', 'team_starter', 0]],
  [
    'INSERT INTO users (id, email, password_hash, team_id, created_at) VALUES ($1, $2, $3, $4, $5)',
    [ALICE.id, ALICE.email, 'h', ALICE.teamId, 0],
  ],
  [
    `INSERT INTO documents (id, owner_id, team_id, shared, title, original_name, mime, doc_type, size, sha256, original_file,
       pdf_file, page_count, status, failure, created_at, updated_at)
     VALUES ($1, $2, $3, 0, 'Deck', 'deck.pptx', 'application/octet-stream', 'pptx', 1, '0', 'a', 'b', 0, 'failed', $4, 0, 0)`,
    [failedBefore.id, ALICE.id, ALICE.teamId, OLD_SENTENCE],
  ],
];

async function expectGeneric(store: Store): Promise<void> {
  expect(await store.getDocument(failedBefore.id)).toMatchObject({ status: 'failed', failure: OLD_SENTENCE, failureCode: null });
}

/** The old document reads generic, and a conversion failing now keeps its code (the column is there). */
async function expectMigrated(store: Store): Promise<void> {
  await expectGeneric(store);
  const converting = documentRecord(ALICE, { status: 'converting', pageCount: 0 });
  await store.createDocument(converting);
  await store.finishConversion(converting.id, { status: 'failed', failureCode: 'memory_limit', failure: 'Too large.' }, new Date());
  expect(await store.getDocument(converting.id)).toMatchObject({ failureCode: 'memory_limit' });
}

describe('failure-code migration', () => {
  it('leaves documents failed before it without a code on SQLite, and reads an unknown code as none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glint-migration-'));
    try {
      const raw = new Database(join(dir, DATABASE_FILE_NAME));
      raw.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
      for (const [version, sql] of migrationsWithout('sqlite', '013-conversion-failure-codes')) {
        raw.exec(sql);
        raw.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(version);
      }
      for (const [sql, params] of SEED) raw.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
      raw.close();
      const store = openSqliteStore(dir);
      await expectMigrated(store).finally(() => store.close());

      const later = new Database(join(dir, DATABASE_FILE_NAME));
      later.prepare("UPDATE documents SET failure_code = 'scanner_jammed' WHERE id = ?").run(failedBefore.id);
      later.close();
      const reopened = openSqliteStore(dir);
      await expectGeneric(reopened).finally(() => reopened.close());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('on PostgreSQL', () => {
    let cluster: PostgresCluster | null = null;
    beforeAll(async () => {
      cluster = await startPostgres();
    });
    afterAll(() => cluster?.stop());

    it('leaves documents failed before it without a code', async () => {
      const url = await (cluster as PostgresCluster).createDatabase('failure_codes');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
        for (const [version, sql] of migrationsWithout('postgres', '010-conversion-failure-codes')) {
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [version]);
        }
        for (const [sql, params] of SEED) await client.query(sql, params);
      } finally {
        await client.end();
      }
      const store = await openPostgresStore(url);
      await expectMigrated(store).finally(() => store.close());
    });
  });
});
