// The conversion queue on PostgreSQL, shared by every server on the database. Claims take a
// transaction-scoped advisory lock: they are rare (one per conversion) and short, and counting
// each owner's and team's live claims must not race with another server's claim.
import type { ConversionQueueStore } from '../conversion-queue-store.ts';
import { type DocumentRow, toDocument } from '../rows/documents.ts';
import type { PgDatabase } from './database.ts';

/** Advisory lock id of conversion claims (a constant unique to Glint). */
const CONVERSION_CLAIM_LOCK = 746_110_120;

type ClaimedRow = DocumentRow & { conversion_attempts: number; claim_until: number };

export function conversionQueueQueries(db: PgDatabase): ConversionQueueStore {
  return {
    async claimConversion({ worker, now, leaseMs, perUser, perTeam }) {
      const at = now.getTime();
      const row = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [CONVERSION_CLAIM_LOCK]);
        // Live claims count against their owner and team; an expired one counts for nobody.
        const [claimed] = await tx.query<ClaimedRow>(
          `UPDATE documents SET claimed_by = $2, claim_until = $3, conversion_attempts = conversion_attempts + 1
           WHERE id = (
             SELECT d.id FROM documents d
             WHERE d.status = 'converting' AND (d.claim_until IS NULL OR d.claim_until <= $1)
               AND (SELECT count(*) FROM documents a WHERE a.status = 'converting' AND a.claim_until > $1
                    AND a.owner_id = d.owner_id) < $4
               AND (SELECT count(*) FROM documents a WHERE a.status = 'converting' AND a.claim_until > $1
                    AND a.team_id = d.team_id) < $5
             ORDER BY d.created_at, d.id COLLATE "C" LIMIT 1)
           RETURNING *`,
          [at, worker, at + leaseMs, perUser, perTeam],
        );
        return claimed;
      });
      return row ? { document: toDocument(row), attempt: row.conversion_attempts, leaseUntil: new Date(row.claim_until) } : null;
    },
    async renewConversionClaim(documentId, worker, leaseUntil) {
      const rows = await db.query<{ id: string }>(
        `UPDATE documents SET claim_until = $3 WHERE id = $1 AND claimed_by = $2 AND status = 'converting' RETURNING id`,
        [documentId, worker, leaseUntil.getTime()],
      );
      return rows.length === 1;
    },
    async releaseConversionClaim(documentId, worker) {
      await db.query(
        `UPDATE documents SET claimed_by = NULL, claim_until = NULL, conversion_attempts = GREATEST(conversion_attempts - 1, 0)
         WHERE id = $1 AND claimed_by = $2 AND status = 'converting'`,
        [documentId, worker],
      );
    },
  };
}
