// Mapping between event rows and records.
import type { EventKind, EventLabel, LabelReason } from '../../../shared/event-model.ts';
import type { FeedEventRecord, StoredEvent } from '../types.ts';

export interface EventRow {
  seq: number;
  id: string;
  kind: string;
  label: string;
  reason: string;
  at: number;
  email_token: string;
  user_id: string | null;
  signer_user_id: string | null;
  link_index: number | null;
  url: string | null;
  ip: string | null;
  user_agent: string | null;
  device_id: string | null;
  repeat: number;
  details_json: string | null;
}

export interface FeedRow extends EventRow {
  m_subject: string;
  m_to: string;
  m_cc: string;
  m_sent_at: number;
  m_thread: string | null;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    id: row.id,
    // The database only ever receives values of these unions (written by appendEvent).
    kind: row.kind as EventKind,
    label: row.label as EventLabel,
    reason: row.reason as LabelReason,
    at: new Date(row.at),
    emailToken: row.email_token,
    userId: row.user_id,
    signerUserId: row.signer_user_id,
    linkIndex: row.link_index,
    url: row.url,
    ip: row.ip,
    userAgent: row.user_agent,
    deviceId: row.device_id,
    repeat: row.repeat === 1,
    details: row.details_json ? (JSON.parse(row.details_json) as Record<string, unknown>) : null,
  };
}

export function toFeedEvent(row: FeedRow): FeedEventRecord {
  return {
    ...toStoredEvent(row),
    email: {
      token: row.email_token,
      subject: row.m_subject,
      to: JSON.parse(row.m_to) as string[],
      cc: JSON.parse(row.m_cc) as string[],
      sentAt: new Date(row.m_sent_at),
      gmailThreadId: row.m_thread,
    },
  };
}
