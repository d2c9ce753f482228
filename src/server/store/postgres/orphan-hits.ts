// Orphan-hit counts on PostgreSQL (migration 013): admission is one call of admit_orphan_hit(), a
// prepared statement (every unregistered hit runs it). Expiry deletes the hits, then takes their
// numbers off the counts in the same transaction; the total row is locked before any token row,
// as admission and attachment do, so none of them deadlock.
import type { OrphanHitStore } from '../orphan-hit-store.ts';
import type { PgDatabase, PgQueryable } from './database.ts';

// Opens and clicks only: document events may be referenced by their visits.
const EXPIRE = `WITH gone AS (
    DELETE FROM events WHERE user_id IS NULL AND kind IN ('open', 'click') AND at < $1 RETURNING email_token
  )
  SELECT email_token AS token, count(*) AS n FROM gone GROUP BY email_token`;
const TAKE_OFF_TOTAL = 'UPDATE orphan_hit_total SET hits = greatest(hits - $1, 0)';
const TAKE_OFF_TOKENS = `UPDATE orphan_hit_counts AS counted SET hits = counted.hits - gone.n
  FROM unnest($1::text[], $2::bigint[]) AS gone (token, n) WHERE counted.token = gone.token`;

export function orphanHitQueries(db: PgDatabase): OrphanHitStore {
  return {
    async admitOrphanHit(token, caps) {
      const [row] = await db.queryPrepared<{ admitted: boolean }>('admit-orphan-hit', 'SELECT admit_orphan_hit($1, $2, $3) AS admitted', [
        token,
        caps.perToken,
        caps.total,
      ]);
      return row?.admitted === true;
    },
    async countOrphanHits(token) {
      const [row] =
        token === undefined
          ? await db.query<{ hits: number }>('SELECT hits FROM orphan_hit_total')
          : await db.query<{ hits: number }>('SELECT hits FROM orphan_hit_counts WHERE token = $1', [token]);
      return row?.hits ?? 0;
    },
    async deleteOrphanHitsBefore(before) {
      return db.transaction(async (tx) => {
        const gone = await tx.query<{ token: string; n: number }>(EXPIRE, [before.getTime()]);
        const deleted = gone.reduce((sum, row) => sum + row.n, 0);
        if (deleted === 0) return 0;
        await tx.query(TAKE_OFF_TOTAL, [deleted]);
        await tx.query(TAKE_OFF_TOKENS, [gone.map((row) => row.token), gone.map((row) => row.n)]);
        await tx.query('DELETE FROM orphan_hit_counts WHERE hits <= 0');
        return deleted;
      });
    },
  };
}

/** In the attaching transaction: the token's hits have an owner now and no longer count. */
export async function releaseOrphanCount(tx: PgQueryable, token: string): Promise<void> {
  await tx.query(
    `UPDATE orphan_hit_total SET hits = greatest(hits - coalesce((SELECT hits FROM orphan_hit_counts WHERE token = $1), 0), 0)`,
    [token],
  );
  await tx.query('DELETE FROM orphan_hit_counts WHERE token = $1', [token]);
}
