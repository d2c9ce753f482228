// The event INSERT the writer worker runs, with positional parameters so a batch travels to the
// worker as one flat array (far cheaper to copy between threads than an object per row).
import type { SqlValue } from '../event-insert-params.ts';

// Its parameters are pushInsertParams' (event-insert-params.ts). An event whose email got
// registered while it waited in the queue is attached right here.
export const INSERT_EVENT_SQL = `INSERT INTO events (id, kind, label, reason, at, email_token, user_id, signer_user_id, link_index,
    url, ip, user_agent, device_id, repeat, details_json)
  VALUES (?, ?, ?, ?, ?, ?,
    COALESCE(?, (SELECT user_id FROM emails WHERE token = ? AND (? IS NULL OR user_id = ?))),
    ?, ?, ?, ?, ?, ?, ?, ?)
  RETURNING seq, user_id`;

export const RETURNED_PER_ROW = 2;

/** seq and user_id of the index-th row in the worker's answer. */
export function insertedRow(returned: readonly SqlValue[], index: number): { seq: number; userId: string | null } {
  const seq = returned[index * RETURNED_PER_ROW];
  const userId = returned[index * RETURNED_PER_ROW + 1];
  if (typeof seq !== 'number') throw new Error('event insert returned nothing');
  return { seq, userId: typeof userId === 'string' ? userId : null };
}
