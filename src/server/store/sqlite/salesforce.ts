// Salesforce connections, OAuth states, skipped addresses and engagement Tasks on SQLite.
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
import type { SalesforceConnect, SalesforceStore } from '../salesforce-store.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import type { SqliteDatabase } from './database.ts';

export function salesforceQueries(db: SqliteDatabase, subscriptions: SubscriptionCache): SalesforceStore {
  const byTeam = db.prepare<[string], SalesforceConnectionRow>(`${CONNECTION_SELECT} WHERE c.team_id = ?`);
  const endpointOfTeam = db.prepare<[string], { endpoint_id: string }>('SELECT endpoint_id FROM salesforce_connections WHERE team_id = ?');
  const reconnect = db.prepare<[string, string, string, number, string]>(`UPDATE crm_endpoints
    SET url = ?, sealed_secret = ?, created_by = ?, state = 'active', state_reason = NULL, consecutive_failures = 0, updated_at = ?
    WHERE id = ?`);
  const dueNow = db.prepare<[number, string]>(`UPDATE crm_deliveries SET next_attempt_at = ? WHERE endpoint_id = ? AND status = 'pending'`);
  const insertEndpoint = db.prepare<(string | number)[]>(`INSERT INTO crm_endpoints (id, team_id, kind, url, kinds, description,
      sealed_secret, created_by, created_at, updated_at) VALUES (?, ?, 'salesforce', ?, ',reply,', 'Salesforce', ?, ?, ?, ?)`);
  const insertConnection = db.prepare<[string, string, string | null]>(
    'INSERT INTO salesforce_connections (endpoint_id, team_id, account) VALUES (?, ?, ?)',
  );
  const setAccount = db.prepare<[string | null, string]>('UPDATE salesforce_connections SET account = ? WHERE endpoint_id = ?');
  const setKinds = db.prepare<[string, number, string]>('UPDATE crm_endpoints SET kinds = ?, updated_at = ? WHERE id = ?');
  const setLeads = db.prepare<[number, string]>('UPDATE salesforce_connections SET create_leads = ? WHERE endpoint_id = ?');
  const removeEndpoint = db.prepare<[string]>('DELETE FROM crm_endpoints WHERE id = ?');
  const pause = db.prepare<[string, number, string]>(
    `UPDATE crm_endpoints SET state = 'paused', state_reason = ?, updated_at = ? WHERE id = ?`,
  );
  const setToken = db.prepare<[string, number, string]>('UPDATE crm_endpoints SET sealed_secret = ?, updated_at = ? WHERE id = ?');
  const saveState = db.prepare<(string | number)[]>(`INSERT INTO salesforce_auth_states (state_hash, team_id, user_id, sealed_verifier,
      expires_at) VALUES (?, ?, ?, ?, ?)`);
  const takeState = db.prepare<[string], AuthStateRow>('DELETE FROM salesforce_auth_states WHERE state_hash = ? RETURNING *');
  const peekState = db.prepare<[string], AuthStateRow>('SELECT * FROM salesforce_auth_states WHERE state_hash = ?');
  const dropExpired = db.prepare<[number]>('DELETE FROM salesforce_auth_states WHERE expires_at <= ?');
  const skip = db.prepare<(string | number)[]>(`INSERT INTO salesforce_skipped (endpoint_id, address, last_kind, last_email_token,
      times, first_at, last_at) VALUES (?, ?, ?, ?, 1, ?, ?)
    ON CONFLICT (endpoint_id, address) DO UPDATE SET last_kind = excluded.last_kind,
      last_email_token = excluded.last_email_token, times = salesforce_skipped.times + 1, last_at = excluded.last_at`);
  const skips = db.prepare<[string, number], SkipRow>(`SELECT s.* FROM salesforce_skipped s
    JOIN salesforce_connections c ON c.endpoint_id = s.endpoint_id WHERE c.team_id = ? ORDER BY s.last_at DESC, s.address LIMIT ?`);
  const activity = db.prepare<[string, string, string, string], ActivityRow>(`SELECT * FROM salesforce_activity
    WHERE endpoint_id = ? AND email_token = ? AND kind = ? AND day = ?`);
  const saveActivity = db.prepare<(string | number | null)[]>(`INSERT INTO salesforce_activity (endpoint_id, email_token, kind, day,
      task_id, hits, last_message_id) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (endpoint_id, email_token, kind, day) DO UPDATE SET task_id = excluded.task_id, hits = excluded.hits,
      last_message_id = excluded.last_message_id`);

  const connectNow = db.transaction((connect: SalesforceConnect): void => {
    const at = connect.at.getTime();
    const existing = endpointOfTeam.get(connect.teamId);
    if (existing) {
      reconnect.run(connect.instanceUrl, connect.sealedRefreshToken, connect.connectedBy, at, existing.endpoint_id);
      setAccount.run(connect.account, existing.endpoint_id);
      dueNow.run(at, existing.endpoint_id);
      return;
    }
    insertEndpoint.run(connect.endpointId, connect.teamId, connect.instanceUrl, connect.sealedRefreshToken, connect.connectedBy, at, at);
    insertConnection.run(connect.endpointId, connect.teamId, connect.account);
  });

  const read = (teamId: string) => {
    const row = byTeam.get(teamId);
    return row ? toSalesforceConnection(row) : null;
  };

  return {
    async connectSalesforce(connect) {
      connectNow.immediate(connect);
      await subscriptions.reload();
      const connection = read(connect.teamId);
      if (!connection) throw new Error('salesforce connection vanished after its write');
      return connection;
    },
    async getSalesforceConnection(teamId) {
      return read(teamId);
    },
    async updateSalesforceSettings(teamId, settings, at) {
      const endpoint = endpointOfTeam.get(teamId);
      if (!endpoint) return null;
      db.transaction(() => {
        setKinds.run(kindsColumn(settings.kinds), at.getTime(), endpoint.endpoint_id);
        setLeads.run(settings.createLeads ? 1 : 0, endpoint.endpoint_id);
      })();
      await subscriptions.reload();
      return read(teamId);
    },
    async disconnectSalesforce(teamId) {
      const endpoint = endpointOfTeam.get(teamId);
      if (!endpoint) return false;
      removeEndpoint.run(endpoint.endpoint_id);
      await subscriptions.reload();
      return true;
    },
    async pauseSalesforce(endpointId, reason, at) {
      pause.run(reason, at.getTime(), endpointId);
    },
    async replaceSalesforceToken(endpointId, sealedRefreshToken, at) {
      setToken.run(sealedRefreshToken, at.getTime(), endpointId);
    },
    async saveSalesforceAuthState(state) {
      dropExpired.run(Date.now());
      saveState.run(state.stateHash, state.teamId, state.userId, state.sealedVerifier, state.expiresAt.getTime());
    },
    async peekSalesforceAuthState(stateHash, now) {
      const row = peekState.get(stateHash);
      return row && row.expires_at > now.getTime() ? toAuthState(row) : null;
    },
    async takeSalesforceAuthState(stateHash, now) {
      const row = takeState.get(stateHash);
      return row && row.expires_at > now.getTime() ? toAuthState(row) : null;
    },
    async recordSalesforceSkip(endpointId, address, kind, emailToken, at) {
      skip.run(endpointId, address, kind, emailToken, at.getTime(), at.getTime());
    },
    async listSalesforceSkips(teamId, limit) {
      return skips.all(teamId, limit).map(toSkip);
    },
    async getSalesforceActivity(endpointId, emailToken, kind, day) {
      const row = activity.get(endpointId, emailToken, kind, day);
      return row ? toActivity(row) : null;
    },
    async saveSalesforceActivity(a) {
      saveActivity.run(a.endpointId, a.emailToken, a.kind, a.day, a.taskId, a.hits, a.lastMessageId);
    },
  };
}
