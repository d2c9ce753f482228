// The Salesforce part of the Store. A team's connection is an outbox endpoint of kind
// 'salesforce' (webhook-store.ts): its instance URL in `url`, its refresh token sealed
// (SecretBox) in `sealedSecret`, and what it logs in `kinds`; deliveries, claims, retries and the
// circuit breaker are the webhooks'. Here: the connection itself, the OAuth states under way,
// the addresses Salesforce does not know, and the per-day engagement Tasks.
import type { EventKind } from '../../shared/event-model.ts';
import type { WebhookState } from './webhook-store.ts';

export interface SalesforceConnectionRecord {
  endpointId: string;
  teamId: string;
  instanceUrl: string;
  sealedRefreshToken: string;
  /** reply, and the engagement kinds (open, click, doc_open) the team chose to log. */
  kinds: EventKind[];
  createLeads: boolean;
  /** Who the team connected as (Salesforce user name and organisation), when known. */
  account: string | null;
  /** active; paused (the refresh token was refused, or too many failures in a row). */
  state: WebhookState;
  stateReason: string | null;
  consecutiveFailures: number;
  connectedBy: string;
  connectedAt: Date;
  updatedAt: Date;
  /** Deliveries not yet delivered or given up (queued, retrying, or held while paused). */
  pendingDeliveries: number;
}

export interface SalesforceConnect {
  /** Used when the team has no connection yet; else the existing endpoint is kept. */
  endpointId: string;
  teamId: string;
  instanceUrl: string;
  sealedRefreshToken: string;
  /** Who signed in to Salesforce (user name and organisation), when its identity service said. */
  account: string | null;
  connectedBy: string;
  at: Date;
}

export interface SalesforceSettings {
  kinds: readonly EventKind[];
  createLeads: boolean;
}

export interface SalesforceAuthState {
  stateHash: string;
  teamId: string;
  userId: string;
  sealedVerifier: string;
  expiresAt: Date;
}

export interface SalesforceSkip {
  address: string;
  lastKind: EventKind;
  lastEmailToken: string;
  times: number;
  firstAt: Date;
  lastAt: Date;
}

export interface SalesforceActivity {
  endpointId: string;
  emailToken: string;
  kind: EventKind;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  taskId: string | null;
  hits: number;
  lastMessageId: string;
}

export interface SalesforceStore {
  /**
   * Connects the team (or reconnects it: new token and instance URL, active again, failures
   * cleared, its pending deliveries due at once, settings kept). A new connection logs replies.
   */
  connectSalesforce(connect: SalesforceConnect): Promise<SalesforceConnectionRecord>;
  getSalesforceConnection(teamId: string): Promise<SalesforceConnectionRecord | null>;
  /** Null when the team is not connected. */
  updateSalesforceSettings(teamId: string, settings: SalesforceSettings, at: Date): Promise<SalesforceConnectionRecord | null>;
  /** Removes the connection with its deliveries, skipped addresses and activity; false when none. */
  disconnectSalesforce(teamId: string): Promise<boolean>;
  /** Pauses the connection with a reason (the refresh token was refused); deliveries stay queued. */
  pauseSalesforce(endpointId: string, reason: string, at: Date): Promise<void>;
  /** Salesforce rotated the refresh token: keep the new one. */
  replaceSalesforceToken(endpointId: string, sealedRefreshToken: string, at: Date): Promise<void>;
  saveSalesforceAuthState(state: SalesforceAuthState): Promise<void>;
  /** The state when it exists and has not expired, left in place (the consent page reads it). */
  peekSalesforceAuthState(stateHash: string, now: Date): Promise<SalesforceAuthState | null>;
  /** Removes and returns the state when it exists and has not expired: a state is used once. */
  takeSalesforceAuthState(stateHash: string, now: Date): Promise<SalesforceAuthState | null>;
  /** Counts one more skip of the address (the newest kind and email kept). */
  recordSalesforceSkip(endpointId: string, address: string, kind: EventKind, emailToken: string, at: Date): Promise<void>;
  /** The team's skipped addresses, the latest first; empty when not connected. */
  listSalesforceSkips(teamId: string, limit: number): Promise<SalesforceSkip[]>;
  getSalesforceActivity(endpointId: string, emailToken: string, kind: EventKind, day: string): Promise<SalesforceActivity | null>;
  saveSalesforceActivity(activity: SalesforceActivity): Promise<void>;
}
