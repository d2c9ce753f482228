// The mail-watch migrations (SQLite 006, PostgreSQL 003) on a database written before them: the
// RFC Message-IDs already stored are normalised (trimmed, no angle brackets, lowercase), so the
// watcher's lookups find the emails registered before the upgrade.
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
import { ALICE, emailRecord } from './records.ts';

const STORE_DIR = fileURLToPath(new URL('../../../src/server/store/', import.meta.url));

/** The migration files of a dialect before `firstNew`, in order, as [version, sql]. */
function migrationsBefore(dialect: 'sqlite' | 'postgres', firstNew: string): [string, string][] {
  const dir = join(STORE_DIR, dialect, 'migrations');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && name < firstNew)
    .sort()
    .map((name) => [name.replace(/\.sql$/, ''), readFileSync(join(dir, name), 'utf8')]);
}

/** Stored ids as clients sent them before the upgrade, and what each becomes. */
const STORED_IDS: [string, string | null][] = [
  ['<ABC@Example.COM>', 'abc@example.com'],
  [' <Spaced@Mail.Example> ', 'spaced@mail.example'],
  ['bare@host', 'bare@host'],
  ['<>', null],
];
const emails = STORED_IDS.map(() => emailRecord(ALICE.id));

/** The seed rows, in SQL both dialects accept, with $n placeholders replaced per dialect. */
const SEED: [string, (string | number)[]][] = [
  ['INSERT INTO teams (id, name, plan, created_at) VALUES ($1, $2, $3, $4)', [ALICE.teamId, 'Acme', 'free', 0]],
  [
    'INSERT INTO users (id, email, password_hash, team_id, created_at) VALUES ($1, $2, $3, $4, $5)',
    [ALICE.id, ALICE.email, 'h', ALICE.teamId, 0],
  ],
  ...emails.map((email, index): [string, (string | number)[]] => [
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
    const dir = mkdtempSync(join(tmpdir(), 'glint-migration-'));
    try {
      const raw = new Database(join(dir, DATABASE_FILE_NAME));
      raw.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
      for (const [version, sql] of migrationsBefore('sqlite', '006')) {
        raw.exec(sql);
        raw.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(version);
      }
      for (const [sql, params] of SEED) raw.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
      raw.close();
      const store = openSqliteStore(dir);
      try {
        await expectNormalised(store);
      } finally {
        await store.close();
      }
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

    it('normalises the stored Message-IDs', async () => {
      const url = await (cluster as PostgresCluster).createDatabase('migration');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
        for (const [version, sql] of migrationsBefore('postgres', '003')) {
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [version]);
        }
        for (const [sql, params] of SEED) await client.query(sql, params);
      } finally {
        await client.end();
      }
      const store = await openPostgresStore(url);
      try {
        await expectNormalised(store);
      } finally {
        await store.close();
      }
    });
  });
});
