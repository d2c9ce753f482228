// Webhook endpoint and delivery rows as both stores read them, their records, and the SQL both
// dialects share for claims (only the parameters and the row locking differ).
import type { EventKind, EventLabel, LabelReason } from '../../../shared/event-model.ts';
import type {
  ClaimedDelivery,
  EndpointKind,
  DeliveryRecord,
  DeliveryStatus,
  DeliveryType,
  NewWebhook,
  WebhookRecord,
  WebhookState,
} from '../webhook-store.ts';

export interface WebhookRow {
  id: string;
  team_id: string;
  url: string;
  kinds: string;
  description: string;
  sealed_secret: string;
  previous_sealed_secret: string | null;
  previous_secret_until: number | null;
  state: string;
  state_reason: string | null;
  consecutive_failures: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface DeliveryRow {
  id: number;
  endpoint_id: string;
  message_id: string;
  type: string;
  event_id: string;
  email_token: string;
  label: string;
  reason: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_by: string | null;
  lease_until: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface ClaimedRow extends DeliveryRow {
  e_kind: string;
  e_at: number;
  e_link_index: number | null;
  e_url: string | null;
  e_details: string | null;
  m_subject: string | null;
  m_to: string | null;
  m_sent_at: number | null;
  w_team_id: string;
  w_kind: string;
  w_url: string;
  w_sealed_secret: string;
  w_previous_sealed_secret: string | null;
  w_previous_secret_until: number | null;
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** Kinds as stored: comma-separated with a comma at each end, for the outbox's LIKE match. */
export const kindsColumn = (kinds: readonly string[]): string => `,${[...new Set(kinds)].join(',')},`;

export const toWebhook = (row: WebhookRow): WebhookRecord => ({
  id: row.id,
  teamId: row.team_id,
  url: row.url,
  kinds: row.kinds.split(',').filter(Boolean) as EventKind[],
  description: row.description,
  sealedSecret: row.sealed_secret,
  previousSealedSecret: row.previous_sealed_secret,
  previousSecretUntil: dateOrNull(row.previous_secret_until),
  state: row.state as WebhookState,
  stateReason: row.state_reason,
  consecutiveFailures: row.consecutive_failures,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export const webhookParams = (webhook: NewWebhook): (string | number)[] => [
  webhook.id,
  webhook.teamId,
  webhook.url,
  kindsColumn(webhook.kinds),
  webhook.description,
  webhook.sealedSecret,
  webhook.createdBy,
  webhook.createdAt.getTime(),
  webhook.createdAt.getTime(),
];

export const toDelivery = (row: DeliveryRow): DeliveryRecord => ({
  id: row.id,
  endpointId: row.endpoint_id,
  messageId: row.message_id,
  type: row.type as DeliveryType,
  eventId: row.event_id,
  emailToken: row.email_token,
  label: row.label as EventLabel,
  reason: row.reason as LabelReason,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: new Date(row.next_attempt_at),
  leaseUntil: row.status === 'pending' ? dateOrNull(row.lease_until) : null,
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: new Date(row.created_at),
  finishedAt: dateOrNull(row.finished_at),
});

export const toClaimed = (row: ClaimedRow): ClaimedDelivery => ({
  ...toDelivery(row),
  event: {
    kind: row.e_kind as EventKind,
    at: new Date(row.e_at),
    linkIndex: row.e_link_index,
    url: row.e_url,
    details: row.e_details ? (JSON.parse(row.e_details) as Record<string, unknown>) : null,
  },
  email:
    row.m_subject === null || row.m_sent_at === null
      ? null
      : { subject: row.m_subject, to: JSON.parse(row.m_to ?? '[]') as string[], sentAt: new Date(row.m_sent_at) },
  endpoint: {
    id: row.endpoint_id,
    teamId: row.w_team_id,
    kind: row.w_kind as EndpointKind,
    url: row.w_url,
    sealedSecret: row.w_sealed_secret,
    previousSealedSecret: row.w_previous_sealed_secret,
    previousSecretUntil: dateOrNull(row.w_previous_secret_until),
  },
});

/**
 * Rows a worker may claim (parameter `now` given as the dialect's placeholder): pending, due, not
 * under a running lease, of an active endpoint, and the oldest pending one of its endpoint and email.
 */
export function claimableSql(now: string): string {
  return `SELECT d.id FROM crm_deliveries d JOIN crm_endpoints w ON w.id = d.endpoint_id
  WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.lease_until IS NULL OR d.lease_until <= ${now})
    AND w.state = 'active'
    AND NOT EXISTS (SELECT 1 FROM crm_deliveries p
      WHERE p.endpoint_id = d.endpoint_id AND p.email_token = d.email_token AND p.status = 'pending' AND p.id < d.id)
  ORDER BY d.id`;
}

/** The claimed rows with their event, email and endpoint (`ids` is the dialect's id match). */
export function claimedDetailsSql(ids: string): string {
  return `SELECT d.*, e.kind AS e_kind, e.at AS e_at, e.link_index AS e_link_index, e.url AS e_url, e.details_json AS e_details,
    m.subject AS m_subject, m.to_json AS m_to, m.sent_at AS m_sent_at,
    w.team_id AS w_team_id, w.kind AS w_kind, w.url AS w_url, w.sealed_secret AS w_sealed_secret,
    w.previous_sealed_secret AS w_previous_sealed_secret, w.previous_secret_until AS w_previous_secret_until
  FROM crm_deliveries d JOIN crm_endpoints w ON w.id = d.endpoint_id JOIN events e ON e.id = d.event_id
    LEFT JOIN emails m ON m.token = d.email_token
  WHERE ${ids} ORDER BY d.id`;
}
