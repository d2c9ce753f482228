// The event INSERT the writer worker runs, with positional parameters so a batch travels to the
// worker as one flat array (far cheaper to copy between threads than an object per row).
import type { NewEvent } from '../types.ts';
import type { SqlValue } from './event-writer.ts';

// An event whose email got registered while it waited in the queue is attached right here.
export const INSERT_EVENT_SQL = `INSERT INTO events (id, kind, label, reason, at, email_token, user_id, signer_user_id, link_index,
    url, ip, user_agent, device_id, repeat, details_json)
  VALUES (?, ?, ?, ?, ?, ?,
    COALESCE(?, (SELECT user_id FROM emails WHERE token = ? AND (? IS NULL OR user_id = ?))),
    ?, ?, ?, ?, ?, ?, ?, ?)
  RETURNING seq, user_id`;

export const INSERT_PARAMS_PER_ROW = 18;
export const RETURNED_PER_ROW = 2;

/** Appends the event's parameters, in INSERT_EVENT_SQL's order, to `values`. */
export function pushInsertParams(values: SqlValue[], event: NewEvent): void {
  values.push(event.id, event.kind, event.label, event.reason, event.at.getTime(), event.emailToken);
  // user_id: COALESCE(userId, owner of emailToken when signerUserId is null or the owner)
  values.push(event.userId, event.emailToken, event.signerUserId, event.signerUserId);
  values.push(event.signerUserId, event.linkIndex, event.url, event.ip, event.userAgent, event.deviceId);
  values.push(event.repeat ? 1 : 0, event.details ? JSON.stringify(event.details) : null);
}

/** seq and user_id of the index-th row in the worker's answer. */
export function insertedRow(returned: readonly SqlValue[], index: number): { seq: number; userId: string | null } {
  const seq = returned[index * RETURNED_PER_ROW];
  const userId = returned[index * RETURNED_PER_ROW + 1];
  if (typeof seq !== 'number') throw new Error('event insert returned nothing');
  return { seq, userId: typeof userId === 'string' ? userId : null };
}
