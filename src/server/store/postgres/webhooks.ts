// Webhook endpoints and the delivery outbox on PostgreSQL. The rows are queued by the event
// writes (outbox.ts); this module manages endpoints and serves the delivery workers, of which
// several server processes may run: a claim locks its rows with FOR UPDATE SKIP LOCKED and gives
// them a lease, so each row goes to one worker, and a killed worker's rows come back when their
// lease runs out.
import {
  claimableSql,
  claimedDetailsSql,
  toClaimed,
  toDelivery,
  toWebhook,
  webhookParams,
  type ClaimedRow,
  type DeliveryRow,
  type WebhookRow,
} from '../rows/webhooks.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import { attemptValues, GONE_REASON, pausedReason } from '../webhook-reasons.ts';
import type { WebhookStore } from '../webhook-store.ts';
import type { PgDatabase } from './database.ts';
import { announceSubscriptionChange } from './subscription-listener.ts';

const INSERT = `INSERT INTO crm_endpoints (id, team_id, url, kinds, description, sealed_secret, created_by, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`;
const RESUME = `UPDATE crm_endpoints SET state = 'active', state_reason = NULL, consecutive_failures = 0, updated_at = $1
  WHERE team_id = $2 AND id = $3 AND kind = 'webhook' RETURNING *`;
const ROTATE = `UPDATE crm_endpoints
  SET previous_sealed_secret = sealed_secret, sealed_secret = $1, previous_secret_until = $2, updated_at = $3
  WHERE team_id = $4 AND id = $5 AND kind = 'webhook' RETURNING *`;
const DELIVERIES = `SELECT d.* FROM crm_deliveries d JOIN crm_endpoints w ON w.id = d.endpoint_id
  WHERE w.team_id = $1 AND d.endpoint_id = $2 ORDER BY d.id DESC LIMIT $3`;
const CLAIM = `WITH picked AS (${claimableSql('$1::bigint')} LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
  UPDATE crm_deliveries SET claimed_by = $3, lease_until = $4, attempts = crm_deliveries.attempts + 1
  FROM picked WHERE crm_deliveries.id = picked.id RETURNING crm_deliveries.id`;
const DETAILS = claimedDetailsSql('d.id = ANY($1::bigint[])');
const FINISH = `UPDATE crm_deliveries
  SET status = $1, last_status = $2, last_error = $3, lease_until = NULL,
    next_attempt_at = COALESCE($4::bigint, next_attempt_at), finished_at = $5
  WHERE id = $6 AND claimed_by = $7 AND status = 'pending' RETURNING endpoint_id`;
const SUCCEEDED = 'UPDATE crm_endpoints SET consecutive_failures = 0, updated_at = $1 WHERE id = $2';
const FAILED_ONCE = `UPDATE crm_endpoints SET
    state = CASE WHEN $1 = 1 THEN 'disabled' WHEN state = 'active' AND consecutive_failures + 1 >= $2 THEN 'paused' ELSE state END,
    state_reason = CASE WHEN $1 = 1 THEN $3
      WHEN state = 'active' AND consecutive_failures + 1 >= $2 THEN $4 ELSE state_reason END,
    consecutive_failures = consecutive_failures + 1, updated_at = $5
  WHERE id = $6`;

export function webhookQueries(db: PgDatabase, subscriptions: SubscriptionCache): WebhookStore {
  return {
    async createWebhook(webhook) {
      const [row] = await db.query<WebhookRow>(INSERT, webhookParams(webhook));
      if (!row) throw new Error('webhook insert returned nothing');
      await announceSubscriptionChange(db);
      await subscriptions.reload();
      return toWebhook(row);
    },
    async listWebhooks(teamId) {
      const rows = await db.query<WebhookRow>(
        `SELECT * FROM crm_endpoints WHERE team_id = $1 AND kind = 'webhook' ORDER BY created_at, id`,
        [teamId],
      );
      return rows.map(toWebhook);
    },
    async getWebhook(teamId, id) {
      const [row] = await db.query<WebhookRow>(`SELECT * FROM crm_endpoints WHERE team_id = $1 AND id = $2 AND kind = 'webhook'`, [
        teamId,
        id,
      ]);
      return row ? toWebhook(row) : null;
    },
    async deleteWebhook(teamId, id) {
      const rows = await db.query(`DELETE FROM crm_endpoints WHERE team_id = $1 AND id = $2 AND kind = 'webhook' RETURNING id`, [
        teamId,
        id,
      ]);
      await announceSubscriptionChange(db);
      await subscriptions.reload();
      return rows.length > 0;
    },
    async resumeWebhook(teamId, id, at) {
      const row = await db.transaction(async (tx) => {
        const [resumed] = await tx.query<WebhookRow>(RESUME, [at.getTime(), teamId, id]);
        if (resumed) {
          await tx.query(`UPDATE crm_deliveries SET next_attempt_at = $1 WHERE endpoint_id = $2 AND status = 'pending'`, [
            at.getTime(),
            id,
          ]);
        }
        return resumed;
      });
      return row ? toWebhook(row) : null;
    },
    async rotateWebhookSecret(teamId, id, sealedSecret, previousUntil, at) {
      const [row] = await db.query<WebhookRow>(ROTATE, [sealedSecret, previousUntil.getTime(), at.getTime(), teamId, id]);
      return row ? toWebhook(row) : null;
    },
    async listDeliveries(teamId, endpointId, limit) {
      return (await db.query<DeliveryRow>(DELIVERIES, [teamId, endpointId, limit])).map(toDelivery);
    },
    async claimDeliveries(request) {
      const now = request.now.getTime();
      const claimed = await db.query<{ id: number }>(CLAIM, [now, request.limit, request.workerId, now + request.leaseMs]);
      if (claimed.length === 0) return [];
      const rows = await db.query<ClaimedRow>(DETAILS, [claimed.map((row) => row.id)]);
      return rows.map(toClaimed);
    },
    async recordAttempts(attempts) {
      if (attempts.length === 0) return [];
      return db.transaction(async (tx) => {
        const recorded: boolean[] = [];
        for (const attempt of attempts) {
          const values = attemptValues(attempt);
          const at = attempt.at.getTime();
          const [row] = await tx.query<{ endpoint_id: string }>(FINISH, [
            values.status,
            values.lastStatus,
            values.lastError,
            values.nextAttemptAt,
            values.finishedAt,
            attempt.deliveryId,
            attempt.workerId,
          ]);
          recorded.push(row !== undefined);
          if (!row) continue;
          if (values.failed === 0) await tx.query(SUCCEEDED, [at, row.endpoint_id]);
          else await tx.query(FAILED_ONCE, [values.gone, attempt.pauseAfter, GONE_REASON, pausedReason(attempt), at, row.endpoint_id]);
        }
        return recorded;
      });
    },
    refreshSubscriptions: () => subscriptions.reload(),
    onDeliveriesQueued: (listener) => subscriptions.onQueued(listener),
  };
}
