// Work leases on PostgreSQL: one upsert for all names. Two instances claiming the same name at once
// are ordered by the row lock, and the second sees the first's lease (not run out): it gets nothing.
import type { HeldLease, LeaseStore } from '../lease-store.ts';
import type { PgDatabase } from './database.ts';

export function leaseQueries(db: PgDatabase): LeaseStore {
  return {
    async claimLeases(names, holder, now, ttlMs) {
      if (names.length === 0) return [];
      const at = now.getTime();
      return db.query<HeldLease>(
        `INSERT INTO work_leases (name, holder, expires_at, generation)
         SELECT name, $2, $3, 1 FROM unnest($1::text[]) AS name
         ON CONFLICT (name) DO UPDATE SET
           generation = CASE WHEN work_leases.holder = excluded.holder AND work_leases.expires_at > $4
                             THEN work_leases.generation ELSE work_leases.generation + 1 END,
           holder = excluded.holder,
           expires_at = excluded.expires_at
         WHERE work_leases.holder = excluded.holder OR work_leases.expires_at <= $4
         RETURNING name, generation`,
        [[...new Set(names)], holder, at + ttlMs, at],
      );
    },
    async releaseLeases(names, holder) {
      if (names.length === 0) return;
      await db.query("UPDATE work_leases SET holder = '', expires_at = 0 WHERE name = ANY($1::text[]) AND holder = $2", [
        [...names],
        holder,
      ]);
    },
    async expireLeases(names) {
      if (names.length === 0) return;
      await db.query("UPDATE work_leases SET holder = '', expires_at = 0 WHERE name = ANY($1::text[])", [[...names]]);
    },
  };
}
