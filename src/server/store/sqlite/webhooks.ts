// Webhook endpoints and the delivery outbox on SQLite. The rows are queued by the event writes
// (outbox.ts); this module manages endpoints and serves the delivery worker. One server process
// writes a SQLite database, so a claim is one immediate transaction and nothing else competes.
import type { SqlValue } from '../event-insert-params.ts';
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
import type { AttemptRecord, ClaimRequest, WebhookStore } from '../webhook-store.ts';
import type { SqliteDatabase } from './database.ts';

export function webhookQueries(db: SqliteDatabase, subscriptions: SubscriptionCache): WebhookStore {
  const insert = db.prepare<(string | number)[], WebhookRow>(`INSERT INTO crm_endpoints (id, team_id, url, kinds, description,
      sealed_secret, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const list = db.prepare<[string], WebhookRow>(
    `SELECT * FROM crm_endpoints WHERE team_id = ? AND kind = 'webhook' ORDER BY created_at, id`,
  );
  const one = db.prepare<[string, string], WebhookRow>(`SELECT * FROM crm_endpoints WHERE team_id = ? AND id = ? AND kind = 'webhook'`);
  const remove = db.prepare<[string, string]>(`DELETE FROM crm_endpoints WHERE team_id = ? AND id = ? AND kind = 'webhook'`);
  const resume = db.prepare<[number, string, string], WebhookRow>(`UPDATE crm_endpoints
    SET state = 'active', state_reason = NULL, consecutive_failures = 0, updated_at = ? WHERE team_id = ? AND id = ? AND kind = 'webhook' RETURNING *`);
  const dueNow = db.prepare<[number, string]>(`UPDATE crm_deliveries SET next_attempt_at = ? WHERE endpoint_id = ? AND status = 'pending'`);
  const rotate = db.prepare<[string, number, number, string, string], WebhookRow>(`UPDATE crm_endpoints
    SET previous_sealed_secret = sealed_secret, sealed_secret = ?, previous_secret_until = ?, updated_at = ?
    WHERE team_id = ? AND id = ? AND kind = 'webhook' RETURNING *`);
  const deliveries = db.prepare<[string, string, number], DeliveryRow>(`SELECT d.* FROM crm_deliveries d
    JOIN crm_endpoints w ON w.id = d.endpoint_id WHERE w.team_id = ? AND d.endpoint_id = ? ORDER BY d.id DESC LIMIT ?`);
  const claim = db.prepare<Record<string, SqlValue>, { id: number }>(`UPDATE crm_deliveries
    SET claimed_by = @worker, lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (${claimableSql('@now')} LIMIT @limit) RETURNING id`);
  const finish = db.prepare<Record<string, SqlValue>>(`UPDATE crm_deliveries
    SET status = @status, last_status = @lastStatus, last_error = @lastError, lease_until = NULL,
      next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at), finished_at = @finishedAt
    WHERE id = @id AND claimed_by = @worker AND status = 'pending'`);
  const endpointOf = db.prepare<[number], { endpoint_id: string }>('SELECT endpoint_id FROM crm_deliveries WHERE id = ?');
  const succeeded = db.prepare<[number, string]>('UPDATE crm_endpoints SET consecutive_failures = 0, updated_at = ? WHERE id = ?');
  const failedOnce = db.prepare<Record<string, SqlValue>>(`UPDATE crm_endpoints SET
      state = CASE WHEN @gone = 1 THEN 'disabled' WHEN state = 'active' AND consecutive_failures + 1 >= @pauseAfter THEN 'paused' ELSE state END,
      state_reason = CASE WHEN @gone = 1 THEN @goneReason
        WHEN state = 'active' AND consecutive_failures + 1 >= @pauseAfter THEN @pauseReason ELSE state_reason END,
      consecutive_failures = consecutive_failures + 1, updated_at = @at
    WHERE id = @id`);

  const claimAll = db.transaction((request: ClaimRequest) => {
    const now = request.now.getTime();
    const ids = claim.all({ worker: request.workerId, leaseUntil: now + request.leaseMs, now, limit: request.limit }).map((row) => row.id);
    if (ids.length === 0) return [];
    const details = db.prepare<number[], ClaimedRow>(claimedDetailsSql(`d.id IN (${ids.map(() => '?').join(', ')})`));
    return details.all(...ids).map(toClaimed);
  });

  const recordOne = (attempt: AttemptRecord): boolean => {
    const values = attemptValues(attempt);
    const at = attempt.at.getTime();
    const changed = finish.run({ ...pick(values), id: attempt.deliveryId, worker: attempt.workerId }).changes > 0;
    if (!changed) return false;
    const endpointId = endpointOf.get(attempt.deliveryId)?.endpoint_id;
    if (endpointId === undefined) return true;
    if (values.failed === 0) succeeded.run(at, endpointId);
    else {
      failedOnce.run({
        gone: values.gone,
        pauseAfter: attempt.pauseAfter,
        goneReason: GONE_REASON,
        pauseReason: pausedReason(attempt),
        at,
        id: endpointId,
      });
    }
    return true;
  };
  const recordAll = db.transaction((attempts: readonly AttemptRecord[]) => attempts.map(recordOne));

  const changedEndpoints = async <T>(result: T): Promise<T> => {
    await subscriptions.reload();
    return result;
  };

  return {
    async createWebhook(webhook) {
      const row = insert.get(...webhookParams(webhook));
      if (!row) throw new Error('webhook insert returned nothing');
      return changedEndpoints(toWebhook(row));
    },
    async listWebhooks(teamId) {
      return list.all(teamId).map(toWebhook);
    },
    async getWebhook(teamId, id) {
      const row = one.get(teamId, id);
      return row ? toWebhook(row) : null;
    },
    async deleteWebhook(teamId, id) {
      return changedEndpoints(remove.run(teamId, id).changes > 0);
    },
    async resumeWebhook(teamId, id, at) {
      const row = db.transaction(() => {
        const resumed = resume.get(at.getTime(), teamId, id);
        if (resumed) dueNow.run(at.getTime(), id);
        return resumed;
      })();
      return row ? toWebhook(row) : null;
    },
    async rotateWebhookSecret(teamId, id, sealedSecret, previousUntil, at) {
      const row = rotate.get(sealedSecret, previousUntil.getTime(), at.getTime(), teamId, id);
      return row ? toWebhook(row) : null;
    },
    async listDeliveries(teamId, endpointId, limit) {
      return deliveries.all(teamId, endpointId, limit).map(toDelivery);
    },
    async claimDeliveries(request) {
      return claimAll.immediate(request);
    },
    async recordAttempts(attempts) {
      return attempts.length === 0 ? [] : recordAll.immediate(attempts);
    },
    refreshSubscriptions: () => subscriptions.reload(),
    onDeliveriesQueued: (listener) => subscriptions.onQueued(listener),
  };
}

function pick(values: ReturnType<typeof attemptValues>): Record<string, SqlValue> {
  const { status, lastStatus, lastError, nextAttemptAt, finishedAt } = values;
  return { status, lastStatus, lastError, nextAttemptAt, finishedAt };
}
