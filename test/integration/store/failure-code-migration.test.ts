// The failure-code migrations (SQLite 013, PostgreSQL 010) on a database written without them
// (every other migration applied, as a deployed server has): a document that failed before codes
// keeps its sentence and reads with no code, the generic failure; a code this version does not
// know (written by a newer server) reads as none too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import {
  checkStore,
  execSqlite,
  inTempDir,
  migrationFiles,
  writePostgres,
  writeSqlite,
  type SeedRow,
} from '../../support/store-migration.ts';
import { ALICE, documentRecord } from './records.ts';

const OLD_SENTENCE = 'This document could not be converted to PDF: it may be damaged or password-protected.';
const failedBefore = documentRecord(ALICE, { status: 'failed', pageCount: 0, failure: OLD_SENTENCE });

/** The seed rows, in SQL both dialects accept, with $n placeholders replaced per dialect. */
const SEED: SeedRow[] = [
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
    await inTempDir('glint-migration-', async (dir) => {
      writeSqlite(
        dir,
        migrationFiles('sqlite', (name) => name !== '013-conversion-failure-codes.sql'),
        SEED,
      );
      await checkStore(openSqliteStore(dir), expectMigrated);

      execSqlite(dir, "UPDATE documents SET failure_code = 'scanner_jammed' WHERE id = ?", [failedBefore.id]);
      await checkStore(openSqliteStore(dir), expectGeneric);
    });
  });

  describe('on PostgreSQL', () => {
    let cluster: PostgresCluster | null = null;
    beforeAll(async () => {
      cluster = await startPostgres();
    });
    afterAll(() => cluster?.stop());

    it('leaves documents failed before it without a code', async () => {
      const url = await (cluster as PostgresCluster).createDatabase('failure_codes');
      await writePostgres(
        url,
        migrationFiles('postgres', (name) => name !== '010-conversion-failure-codes.sql'),
        SEED,
      );
      await checkStore(await openPostgresStore(url), expectMigrated);
    });
  });
});
