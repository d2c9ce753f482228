// The batched event INSERT: one multi-row statement per group-commit batch. Each row takes the
// parameters in pushInsertParams' order (event-insert-params.ts), so an event whose email got
// registered while it waited in the queue is attached here too.
import { INSERT_PARAMS_PER_ROW, pushInsertParams, type SqlValue } from '../event-insert-params.ts';
import type { NewEvent } from '../types.ts';

/** PostgreSQL binds at most 65,535 parameters to one statement. */
export const MAX_INSERT_ROWS = Math.floor(65_535 / INSERT_PARAMS_PER_ROW);

export interface InsertedRow {
  id: string;
  seq: number;
  user_id: string | null;
}

/** The VALUES tuple of the index-th row. The casts type what PostgreSQL cannot infer (`$n IS NULL`). */
function rowValues(index: number): string {
  const p = (n: number): string => `$${index * INSERT_PARAMS_PER_ROW + n}`;
  return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::bigint, ${p(6)},
    COALESCE(${p(7)}::text, (SELECT user_id FROM emails WHERE token = ${p(8)}::text AND (${p(9)}::text IS NULL OR user_id = ${p(10)}::text))),
    ${p(11)}, ${p(12)}::integer, ${p(13)}, ${p(14)}, ${p(15)}, ${p(16)}, ${p(17)}::integer, ${p(18)})`;
}

/** The statement and its parameters for `events`; it returns each row's id, seq and user_id. */
export function insertEvents(events: readonly NewEvent[]): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  for (const event of events) pushInsertParams(params, event);
  const sql = `INSERT INTO events (id, kind, label, reason, at, email_token, user_id, signer_user_id, link_index,
      url, ip, user_agent, device_id, repeat, details_json)
    VALUES ${events.map((_, index) => rowValues(index)).join(',\n')}
    RETURNING id, seq, user_id`;
  return { sql, params };
}
