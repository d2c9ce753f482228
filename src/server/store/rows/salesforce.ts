// Salesforce rows as both stores read them, and their records.
import type { EventKind } from '../../../shared/event-model.ts';
import type { SalesforceActivity, SalesforceAuthState, SalesforceConnectionRecord, SalesforceSkip } from '../salesforce-store.ts';
import type { WebhookState } from '../webhook-store.ts';

/** The endpoint's columns with the connection's. */
export interface SalesforceConnectionRow {
  id: string;
  team_id: string;
  url: string;
  kinds: string;
  sealed_secret: string;
  state: string;
  state_reason: string | null;
  consecutive_failures: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  create_leads: number;
  account: string | null;
  pending: number;
}

export const CONNECTION_SELECT = `SELECT w.id, w.team_id, w.url, w.kinds, w.sealed_secret, w.state, w.state_reason,
    w.consecutive_failures, w.created_by, w.created_at, w.updated_at, c.create_leads, c.account,
    (SELECT COUNT(*) FROM crm_deliveries d WHERE d.endpoint_id = w.id AND d.status = 'pending') AS pending
  FROM crm_endpoints w JOIN salesforce_connections c ON c.endpoint_id = w.id`;

export const toSalesforceConnection = (row: SalesforceConnectionRow): SalesforceConnectionRecord => ({
  endpointId: row.id,
  teamId: row.team_id,
  instanceUrl: row.url,
  sealedRefreshToken: row.sealed_secret,
  kinds: row.kinds.split(',').filter(Boolean) as EventKind[],
  createLeads: row.create_leads === 1,
  account: row.account,
  state: row.state as WebhookState,
  stateReason: row.state_reason,
  consecutiveFailures: row.consecutive_failures,
  connectedBy: row.created_by,
  connectedAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  pendingDeliveries: Number(row.pending),
});

export interface AuthStateRow {
  state_hash: string;
  team_id: string;
  user_id: string;
  sealed_verifier: string;
  expires_at: number;
}

export const toAuthState = (row: AuthStateRow): SalesforceAuthState => ({
  stateHash: row.state_hash,
  teamId: row.team_id,
  userId: row.user_id,
  sealedVerifier: row.sealed_verifier,
  expiresAt: new Date(row.expires_at),
});

export interface SkipRow {
  address: string;
  last_kind: string;
  last_email_token: string;
  times: number;
  first_at: number;
  last_at: number;
}

export const toSkip = (row: SkipRow): SalesforceSkip => ({
  address: row.address,
  lastKind: row.last_kind as EventKind,
  lastEmailToken: row.last_email_token,
  times: row.times,
  firstAt: new Date(row.first_at),
  lastAt: new Date(row.last_at),
});

export interface ActivityRow {
  endpoint_id: string;
  email_token: string;
  kind: string;
  day: string;
  task_id: string | null;
  hits: number;
  last_message_id: string;
}

export const toActivity = (row: ActivityRow): SalesforceActivity => ({
  endpointId: row.endpoint_id,
  emailToken: row.email_token,
  kind: row.kind as EventKind,
  day: row.day,
  taskId: row.task_id,
  hits: row.hits,
  lastMessageId: row.last_message_id,
});
