// Orphan-hit counts on SQLite (migration 016): admission checks both caps and counts in one
// immediate transaction. One process writes this database, but the counts live in it as on
// PostgreSQL, so both stores answer alike and a restart starts from what is stored.
import type { OrphanHitStore } from '../orphan-hit-store.ts';
import type { SqliteDatabase } from './database.ts';

export function orphanHitQueries(db: SqliteDatabase): OrphanHitStore {
  const total = db.prepare<[], { hits: number }>('SELECT hits FROM orphan_hit_total');
  const ofToken = db.prepare<[string], { hits: number }>('SELECT hits FROM orphan_hit_counts WHERE token = ?');
  const countToken = db.prepare<[string]>(
    'INSERT INTO orphan_hit_counts (token, hits) VALUES (?, 1) ON CONFLICT (token) DO UPDATE SET hits = hits + 1',
  );
  const countTotal = db.prepare<[]>(
    'INSERT INTO orphan_hit_total (only_row, hits) VALUES (1, 1) ON CONFLICT (only_row) DO UPDATE SET hits = hits + 1',
  );
  // Opens and clicks only: document events may be referenced by their visits.
  const expired = db.prepare<[number], { token: string; n: number }>(
    `SELECT email_token AS token, count(*) AS n FROM events
     WHERE user_id IS NULL AND kind IN ('open', 'click') AND at < ? GROUP BY email_token`,
  );
  const expire = db.prepare<[number]>("DELETE FROM events WHERE user_id IS NULL AND kind IN ('open', 'click') AND at < ?");
  const takeOffTotal = db.prepare<[number]>('UPDATE orphan_hit_total SET hits = max(hits - ?, 0)');
  const takeOffToken = db.prepare<[number, string]>('UPDATE orphan_hit_counts SET hits = hits - ? WHERE token = ?');
  const dropEmpty = db.prepare<[]>('DELETE FROM orphan_hit_counts WHERE hits <= 0');

  const admit = db.transaction((token: string, perToken: number, all: number): boolean => {
    if ((total.get()?.hits ?? 0) >= all || (ofToken.get(token)?.hits ?? 0) >= perToken) return false;
    countToken.run(token);
    countTotal.run();
    return true;
  });
  const deleteBefore = db.transaction((before: number): number => {
    const gone = expired.all(before);
    expire.run(before);
    const deleted = gone.reduce((sum, row) => sum + row.n, 0);
    takeOffTotal.run(deleted);
    for (const row of gone) takeOffToken.run(row.n, row.token);
    dropEmpty.run();
    return deleted;
  });

  return {
    async admitOrphanHit(token, caps) {
      // A count is not worth an fsync (FULL would sync each one): a power cut may forget the last
      // few, letting as many more in. The connection's level is back before anything else runs.
      const level = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try {
        return admit.immediate(token, caps.perToken, caps.total);
      } finally {
        db.pragma(`synchronous = ${level}`);
      }
    },
    async countOrphanHits(token) {
      return (token === undefined ? total.get() : ofToken.get(token))?.hits ?? 0;
    },
    async deleteOrphanHitsBefore(before) {
      // The last-open cache may keep such an open's time: older than any repeat window, harmless.
      return deleteBefore.immediate(before.getTime());
    },
  };
}

/** Called inside the attaching transaction: the token's hits have an owner now and no longer count. */
export function orphanCountRelease(db: SqliteDatabase): (token: string) => void {
  const takeOff = db.prepare<[string]>(
    'UPDATE orphan_hit_total SET hits = max(hits - coalesce((SELECT hits FROM orphan_hit_counts WHERE token = ?), 0), 0)',
  );
  const drop = db.prepare<[string]>('DELETE FROM orphan_hit_counts WHERE token = ?');
  return (token) => {
    takeOff.run(token);
    drop.run(token);
  };
}
