// Work leases on SQLite: one process writes at a time, so each claim is one upsert per name.
import type { HeldLease, LeaseStore } from '../lease-store.ts';
import type { SqliteDatabase } from './database.ts';

export function leaseQueries(db: SqliteDatabase): LeaseStore {
  const claim = db.prepare<[string, string, number, number, number], HeldLease>(
    `INSERT INTO work_leases (name, holder, expires_at, generation) VALUES (?, ?, ?, 1)
     ON CONFLICT (name) DO UPDATE SET
       generation = CASE WHEN work_leases.holder = excluded.holder AND work_leases.expires_at > ?
                         THEN work_leases.generation ELSE work_leases.generation + 1 END,
       holder = excluded.holder,
       expires_at = excluded.expires_at
     WHERE work_leases.holder = excluded.holder OR work_leases.expires_at <= ?
     RETURNING name, generation`,
  );
  const release = db.prepare<[string, string]>("UPDATE work_leases SET holder = '', expires_at = 0 WHERE name = ? AND holder = ?");
  const expire = db.prepare<[string]>("UPDATE work_leases SET holder = '', expires_at = 0 WHERE name = ?");

  return {
    async claimLeases(names, holder, now, ttlMs) {
      const at = now.getTime();
      return db.transaction(() => names.flatMap((name) => claim.all(name, holder, at + ttlMs, at, at)))();
    },
    async releaseLeases(names, holder) {
      db.transaction(() => names.forEach((name) => release.run(name, holder)))();
    },
    async expireLeases(names) {
      db.transaction(() => names.forEach((name) => expire.run(name)))();
    },
  };
}
