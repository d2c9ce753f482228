// Email rows as both stores read them, and their records (lists and links are stored as JSON).
import type { EmailRecord, TrackedLink } from '../types.ts';

export interface EmailRow {
  token: string;
  user_id: string;
  subject: string;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  sent_at: number;
  gmail_thread_id: string | null;
  gmail_message_id: string | null;
  rfc_message_id: string | null;
  open_tracking: number;
  click_tracking: number;
  links_json: string;
  created_at: number;
}

export const toEmail = (row: EmailRow): EmailRecord => ({
  token: row.token,
  userId: row.user_id,
  subject: row.subject,
  to: JSON.parse(row.to_json) as string[],
  cc: JSON.parse(row.cc_json) as string[],
  bcc: JSON.parse(row.bcc_json) as string[],
  sentAt: new Date(row.sent_at),
  gmailThreadId: row.gmail_thread_id,
  gmailMessageId: row.gmail_message_id,
  rfcMessageId: row.rfc_message_id,
  openTracking: row.open_tracking === 1,
  clickTracking: row.click_tracking === 1,
  links: JSON.parse(row.links_json) as TrackedLink[],
  createdAt: new Date(row.created_at),
});

/**
 * An RFC Message-ID as both stores keep it: trimmed, without its angle brackets, lowercase (the
 * rule of mail/message-ids.ts normaliseMessageId, which the store may not import); null for none.
 */
export function storedMessageId(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const bare = id.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return bare === '' ? null : bare;
}

/** At most this many Message-IDs and this many tokens are looked up for one message. */
export const MAX_MESSAGE_REFS = 200;
/** At most this many emails are returned for one message. */
export const MAX_MESSAGE_EMAILS = 100;

/** The refs of findEmailsForMessage, normalised, without repeats, bounded. */
export function boundedMessageRefs(refs: { messageIds: readonly string[]; tokens: readonly string[] }): {
  messageIds: string[];
  tokens: string[];
} {
  const ids = new Set<string>();
  for (const id of refs.messageIds.slice(0, MAX_MESSAGE_REFS)) {
    const stored = storedMessageId(id);
    if (stored) ids.add(stored);
  }
  return { messageIds: [...ids], tokens: [...new Set(refs.tokens.slice(0, MAX_MESSAGE_REFS))] };
}
