// The parameters of one event row in the batched event INSERT, shared by both dialects: each
// passes a batch as one flat array, row after row, and binds the same 18 values per row.
import type { NewEvent } from './types.ts';

export type SqlValue = string | number | null;

/**
 * Per row: id, kind, label, reason, at, email_token; then the user_id expression's four values
 * (COALESCE(userId, owner of email_token when signer_user_id is null or the owner), so an event
 * whose email got registered while it waited in the queue is attached by the INSERT itself);
 * then signer_user_id, link_index, url, ip, user_agent, device_id, repeat, details_json.
 */
export const INSERT_PARAMS_PER_ROW = 18;

/** Appends the event's parameters, in the order above, to `values`. */
export function pushInsertParams(values: SqlValue[], event: NewEvent): void {
  values.push(event.id, event.kind, event.label, event.reason, event.at.getTime(), event.emailToken);
  // user_id: COALESCE(userId, owner of emailToken when signerUserId is null or the owner)
  values.push(event.userId, event.emailToken, event.signerUserId, event.signerUserId);
  values.push(event.signerUserId, event.linkIndex, event.url, event.ip, event.userAgent, event.deviceId);
  values.push(event.repeat ? 1 : 0, event.details ? JSON.stringify(event.details) : null);
}
