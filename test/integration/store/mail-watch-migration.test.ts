// The mail-watch migrations (SQLite 006, PostgreSQL 003) on a database written before them: the
// RFC Message-IDs already stored are normalised (trimmed, no angle brackets, lowercase), so the
// watcher's lookups find the emails registered before the upgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { checkStore, inTempDir, migrationFiles, writePostgres, writeSqlite, type SeedRow } from '../../support/store-migration.ts';
import { ALICE, emailRecord } from './records.ts';

/** Stored ids as clients sent them before the upgrade, and what each becomes. */
const STORED_IDS: [string, string | null][] = [
  ['<ABC@Example.COM>', 'abc@example.com'],
  [' <Spaced@Mail.Example> ', 'spaced@mail.example'],
  ['bare@host', 'bare@host'],
  ['<>', null],
];
const emails = STORED_IDS.map(() => emailRecord(ALICE.id));

/** The seed rows, in SQL both dialects accept, with $n placeholders replaced per dialect. */
const SEED: SeedRow[] = [
  ['INSERT INTO teams (id, name, plan, created_at) VALUES ($1, $2, $3, $4)', [ALICE.teamId, 'Acme', 'free', 0]],
  [
    'INSERT INTO users (id, email, password_hash, team_id, created_at) VALUES ($1, $2, $3, $4, $5)',
    [ALICE.id, ALICE.email, 'h', ALICE.teamId, 0],
  ],
  ...emails.map((email, index): SeedRow => [
    `INSERT INTO emails (token, user_id, subject, to_json, cc_json, bcc_json, sent_at, rfc_message_id, open_tracking,
       click_tracking, links_json, created_at) VALUES ($1, $2, 's', '[]', '[]', '[]', $3, $4, 1, 1, '[]', 0)`,
    [email.token, ALICE.id, 1000 + index, STORED_IDS[index]?.[0] ?? ''],
  ]),
];

async function expectNormalised(store: Store): Promise<void> {
  for (const [index, email] of emails.entries()) {
    expect((await store.getEmail(email.token))?.rfcMessageId).toBe(STORED_IDS[index]?.[1]);
  }
  const found = await store.findEmailsForMessage(ALICE.id, { messageIds: ['abc@example.com'], tokens: [] });
  expect(found.map((email) => email.token)).toEqual([emails[0]?.token]);
}

describe('mail-watch migration', () => {
  it('normalises the stored Message-IDs on SQLite', async () => {
    await inTempDir('glint-migration-', async (dir) => {
      writeSqlite(
        dir,
        migrationFiles('sqlite', (name) => name < '006'),
        SEED,
      );
      await checkStore(openSqliteStore(dir), expectNormalised);
    });
  });

  describe('on PostgreSQL', () => {
    let cluster: PostgresCluster | null = null;
    beforeAll(async () => {
      cluster = await startPostgres();
    });
    afterAll(() => cluster?.stop());

    it('normalises the stored Message-IDs', async () => {
      const url = await (cluster as PostgresCluster).createDatabase('migration');
      await writePostgres(
        url,
        migrationFiles('postgres', (name) => name < '003'),
        SEED,
      );
      await checkStore(await openPostgresStore(url), expectNormalised);
    });
  });
});
