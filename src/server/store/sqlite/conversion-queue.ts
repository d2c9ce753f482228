// The conversion queue on SQLite: a claim is one immediate transaction (one writer at a time,
// so the per-user and per-team counts cannot race with another claim).
import type { ConversionQueueStore } from '../conversion-queue-store.ts';
import { type DocumentRow, toDocument } from '../rows/documents.ts';
import type { SqliteDatabase } from './database.ts';

type ClaimedRow = DocumentRow & { conversion_attempts: number; claim_until: number };

export function conversionQueueQueries(db: SqliteDatabase): ConversionQueueStore {
  // Live claims count against their owner and team; an expired one counts for nobody.
  const next = db.prepare<Record<string, number>, { id: string }>(`SELECT d.id FROM documents d
    WHERE d.status = 'converting' AND (d.claim_until IS NULL OR d.claim_until <= @now)
      AND (SELECT count(*) FROM documents a WHERE a.status = 'converting' AND a.claim_until > @now
           AND a.owner_id = d.owner_id) < @perUser
      AND (SELECT count(*) FROM documents a WHERE a.status = 'converting' AND a.claim_until > @now
           AND a.team_id = d.team_id) < @perTeam
    ORDER BY d.created_at, d.id LIMIT 1`);
  const take = db.prepare<Record<string, string | number>, ClaimedRow>(`UPDATE documents
    SET claimed_by = @worker, claim_until = @until, conversion_attempts = conversion_attempts + 1
    WHERE id = @id RETURNING *`);
  const renew = db.prepare<Record<string, string | number>>(`UPDATE documents SET claim_until = @until
    WHERE id = @id AND claimed_by = @worker AND status = 'converting'`);
  const release = db.prepare<Record<string, string>>(`UPDATE documents
    SET claimed_by = NULL, claim_until = NULL, conversion_attempts = max(conversion_attempts - 1, 0)
    WHERE id = @id AND claimed_by = @worker AND status = 'converting'`);

  const claim = db.transaction((worker: string, now: number, until: number, perUser: number, perTeam: number) => {
    const candidate = next.get({ now, perUser, perTeam });
    return candidate ? take.get({ id: candidate.id, worker, until }) : undefined;
  });

  return {
    async claimConversion({ worker, now, leaseMs, perUser, perTeam }) {
      const until = now.getTime() + leaseMs;
      const row = claim.immediate(worker, now.getTime(), until, perUser, perTeam);
      return row ? { document: toDocument(row), attempt: row.conversion_attempts, leaseUntil: new Date(row.claim_until) } : null;
    },
    async renewConversionClaim(documentId, worker, leaseUntil) {
      return renew.run({ id: documentId, worker, until: leaseUntil.getTime() }).changes === 1;
    },
    async releaseConversionClaim(documentId, worker) {
      release.run({ id: documentId, worker });
    },
  };
}
