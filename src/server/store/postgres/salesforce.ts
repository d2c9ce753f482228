// Salesforce connections, OAuth states, skipped addresses and engagement Tasks on PostgreSQL.
// Connection changes are announced like webhook changes, so other servers' outbox caches follow.
import { kindsColumn } from '../rows/webhooks.ts';
import {
  CONNECTION_SELECT,
  toActivity,
  toAuthState,
  toSalesforceConnection,
  toSkip,
  type ActivityRow,
  type AuthStateRow,
  type SalesforceConnectionRow,
  type SkipRow,
} from '../rows/salesforce.ts';
import type { SalesforceStore } from '../salesforce-store.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import type { PgDatabase } from './database.ts';
import { announceSubscriptionChange } from './subscription-listener.ts';

const BY_TEAM = `${CONNECTION_SELECT} WHERE c.team_id = $1`;
const ENDPOINT_OF_TEAM = 'SELECT endpoint_id FROM salesforce_connections WHERE team_id = $1';
const RECONNECT = `UPDATE crm_endpoints
  SET url = $1, sealed_secret = $2, created_by = $3, state = 'active', state_reason = NULL, consecutive_failures = 0, updated_at = $4
  WHERE id = $5`;
const INSERT_ENDPOINT = `INSERT INTO crm_endpoints (id, team_id, kind, url, kinds, description, sealed_secret, created_by, created_at,
    updated_at) VALUES ($1, $2, 'salesforce', $3, ',reply,', 'Salesforce', $4, $5, $6, $6)`;
const SKIP = `INSERT INTO salesforce_skipped (endpoint_id, address, last_kind, last_email_token, times, first_at, last_at)
  VALUES ($1, $2, $3, $4, 1, $5, $5)
  ON CONFLICT (endpoint_id, address) DO UPDATE SET last_kind = excluded.last_kind,
    last_email_token = excluded.last_email_token, times = salesforce_skipped.times + 1, last_at = excluded.last_at`;
const SKIPS = `SELECT s.* FROM salesforce_skipped s JOIN salesforce_connections c ON c.endpoint_id = s.endpoint_id
  WHERE c.team_id = $1 ORDER BY s.last_at DESC, s.address LIMIT $2`;
const SAVE_ACTIVITY = `INSERT INTO salesforce_activity (endpoint_id, email_token, kind, day, task_id, hits, last_message_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (endpoint_id, email_token, kind, day) DO UPDATE SET task_id = excluded.task_id, hits = excluded.hits,
    last_message_id = excluded.last_message_id`;

export function salesforceQueries(db: PgDatabase, subscriptions: SubscriptionCache): SalesforceStore {
  const read = async (teamId: string) => {
    const [row] = await db.query<SalesforceConnectionRow>(BY_TEAM, [teamId]);
    return row ? toSalesforceConnection(row) : null;
  };
  const changed = async (): Promise<void> => {
    await announceSubscriptionChange(db);
    await subscriptions.reload();
  };

  return {
    async connectSalesforce(connect) {
      const at = connect.at.getTime();
      await db.transaction(async (tx) => {
        // One connection a team: two callbacks at once must not both insert.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`salesforce:${connect.teamId}`]);
        const [existing] = await tx.query<{ endpoint_id: string }>(ENDPOINT_OF_TEAM, [connect.teamId]);
        if (existing) {
          await tx.query(RECONNECT, [connect.instanceUrl, connect.sealedRefreshToken, connect.connectedBy, at, existing.endpoint_id]);
          await tx.query('UPDATE salesforce_connections SET account = $1 WHERE endpoint_id = $2', [connect.account, existing.endpoint_id]);
          await tx.query(`UPDATE crm_deliveries SET next_attempt_at = $1 WHERE endpoint_id = $2 AND status = 'pending'`, [
            at,
            existing.endpoint_id,
          ]);
          return;
        }
        await tx.query(INSERT_ENDPOINT, [
          connect.endpointId,
          connect.teamId,
          connect.instanceUrl,
          connect.sealedRefreshToken,
          connect.connectedBy,
          at,
        ]);
        await tx.query('INSERT INTO salesforce_connections (endpoint_id, team_id, account) VALUES ($1, $2, $3)', [
          connect.endpointId,
          connect.teamId,
          connect.account,
        ]);
      });
      await changed();
      const connection = await read(connect.teamId);
      if (!connection) throw new Error('salesforce connection vanished after its write');
      return connection;
    },
    getSalesforceConnection: read,
    async updateSalesforceSettings(teamId, settings, at) {
      const [endpoint] = await db.query<{ endpoint_id: string }>(ENDPOINT_OF_TEAM, [teamId]);
      if (!endpoint) return null;
      await db.transaction(async (tx) => {
        await tx.query('UPDATE crm_endpoints SET kinds = $1, updated_at = $2 WHERE id = $3', [
          kindsColumn(settings.kinds),
          at.getTime(),
          endpoint.endpoint_id,
        ]);
        await tx.query('UPDATE salesforce_connections SET create_leads = $1 WHERE endpoint_id = $2', [
          settings.createLeads ? 1 : 0,
          endpoint.endpoint_id,
        ]);
      });
      await changed();
      return read(teamId);
    },
    async disconnectSalesforce(teamId) {
      const deleted = await db.query<{ id: string }>(
        'DELETE FROM crm_endpoints WHERE id = (SELECT endpoint_id FROM salesforce_connections WHERE team_id = $1) RETURNING id',
        [teamId],
      );
      if (deleted.length === 0) return false;
      await changed();
      return true;
    },
    async pauseSalesforce(endpointId, reason, at) {
      await db.query(`UPDATE crm_endpoints SET state = 'paused', state_reason = $1, updated_at = $2 WHERE id = $3`, [
        reason,
        at.getTime(),
        endpointId,
      ]);
    },
    async replaceSalesforceToken(endpointId, sealedRefreshToken, at) {
      await db.query('UPDATE crm_endpoints SET sealed_secret = $1, updated_at = $2 WHERE id = $3', [
        sealedRefreshToken,
        at.getTime(),
        endpointId,
      ]);
    },
    async saveSalesforceAuthState(state) {
      await db.query('DELETE FROM salesforce_auth_states WHERE expires_at <= $1', [Date.now()]);
      await db.query(
        `INSERT INTO salesforce_auth_states (state_hash, team_id, user_id, sealed_verifier, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [state.stateHash, state.teamId, state.userId, state.sealedVerifier, state.expiresAt.getTime()],
      );
    },
    async peekSalesforceAuthState(stateHash, now) {
      const [row] = await db.query<AuthStateRow>('SELECT * FROM salesforce_auth_states WHERE state_hash = $1', [stateHash]);
      return row && Number(row.expires_at) > now.getTime() ? toAuthState(row) : null;
    },
    async takeSalesforceAuthState(stateHash, now) {
      const [row] = await db.query<AuthStateRow>('DELETE FROM salesforce_auth_states WHERE state_hash = $1 RETURNING *', [stateHash]);
      return row && row.expires_at > now.getTime() ? toAuthState(row) : null;
    },
    async recordSalesforceSkip(endpointId, address, kind, emailToken, at) {
      await db.query(SKIP, [endpointId, address, kind, emailToken, at.getTime()]);
    },
    async listSalesforceSkips(teamId, limit) {
      return (await db.query<SkipRow>(SKIPS, [teamId, limit])).map(toSkip);
    },
    async getSalesforceActivity(endpointId, emailToken, kind, day) {
      const [row] = await db.query<ActivityRow>(
        'SELECT * FROM salesforce_activity WHERE endpoint_id = $1 AND email_token = $2 AND kind = $3 AND day = $4',
        [endpointId, emailToken, kind, day],
      );
      return row ? toActivity(row) : null;
    },
    async saveSalesforceActivity(a) {
      await db.query(SAVE_ACTIVITY, [a.endpointId, a.emailToken, a.kind, a.day, a.taskId, a.hits, a.lastMessageId]);
    },
  };
}
