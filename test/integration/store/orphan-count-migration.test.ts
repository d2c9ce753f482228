// The orphan-count migrations (SQLite 016, PostgreSQL 013) on a database that stored hits of
// unregistered tokens before them: the counts start from what is stored, so the caps hold from the
// first hit after the upgrade. "Before" is made by dropping what the migration created and
// forgetting it ran, on a database the current store wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { checkStore, execPostgres, execSqlite, inTempDir } from '../../support/store-migration.ts';
import { ALICE, at, click, emailRecord, hit, seedAccounts } from './records.ts';

const CAPS = { perToken: 3, total: 100 };
const [busy, quiet] = [mintEmailToken(), mintEmailToken()];

/** Three orphan hits of `busy`, one of `quiet`, and hits of a registered email that do not count. */
async function storeHitsBeforeUpgrade(store: Store): Promise<void> {
  for (let n = 0; n < 3; n++) await store.appendEvent(hit(busy, { at: at(n) }));
  await store.appendEvent(click(quiet, 0));
  const owned = emailRecord(ALICE.id);
  await store.registerEmail(owned);
  await store.appendEvent(hit(owned.token));
  await store.flush();
}

async function expectCountedAfterUpgrade(store: Store): Promise<void> {
  expect(await store.countOrphanHits(busy)).toBe(3);
  expect(await store.countOrphanHits(quiet)).toBe(1);
  expect(await store.countOrphanHits()).toBe(4);
  expect(await store.admitOrphanHit(busy, CAPS)).toBe(false);
  expect(await store.admitOrphanHit(quiet, CAPS)).toBe(true);
}

describe('orphan-count migration', () => {
  it('counts the orphan hits already stored on SQLite', async () => {
    await inTempDir('glint-orphan-migration-', async (dir) => {
      const before = openSqliteStore(dir);
      await seedAccounts(before);
      await storeHitsBeforeUpgrade(before);
      await before.close();
      execSqlite(
        dir,
        "DROP TABLE orphan_hit_counts; DROP TABLE orphan_hit_total; DELETE FROM schema_migrations WHERE version LIKE '016-%'",
      );
      await checkStore(openSqliteStore(dir), expectCountedAfterUpgrade);
    });
  });

  describe('on PostgreSQL', () => {
    let cluster: PostgresCluster | null = null;
    beforeAll(async () => {
      cluster = await startPostgres();
    });
    afterAll(() => cluster?.stop());

    it('counts the orphan hits already stored', async () => {
      const url = await (cluster as PostgresCluster).createDatabase('orphan_migration');
      const before = await openPostgresStore(url);
      await seedAccounts(before);
      await storeHitsBeforeUpgrade(before);
      await before.close();
      await execPostgres(
        url,
        "DROP TABLE orphan_hit_counts; DROP TABLE orphan_hit_total; DROP FUNCTION admit_orphan_hit; DELETE FROM schema_migrations WHERE version LIKE '013-%'",
      );
      await checkStore(await openPostgresStore(url), expectCountedAfterUpgrade);
    });
  });
});
