// The outbox INSERTs both dialects run inside the transaction that stores (or relabels) events:
// one delivery per endpoint of the event owner's team that wants the event's kind. `eventIs` is
// the dialect's match on the event id(s): `e.id = ?` (SQLite, row by row) or
// `e.id = ANY($1::text[])` (PostgreSQL, the whole batch). `now` is the dialect's parameter for
// the time. Delivery ids follow seq order, so deliveries of one email keep the events' order.

const COLUMNS = `INSERT INTO crm_deliveries (endpoint_id, message_id, type, event_id, email_token, label, reason,
    status, attempts, next_attempt_at, created_at)`;
const SOURCES = `FROM events e JOIN users u ON u.id = e.user_id JOIN crm_endpoints w ON w.team_id = u.team_id`;
const WANTS_KIND = `w.kinds LIKE '%,' || e.kind || ',%'`;

/** A new (or newly attached) event: delivered when human. */
export function enqueueCreatedSql(eventIs: string, now: string): string {
  return `${COLUMNS}
  SELECT w.id, e.id, 'event.created', e.id, e.email_token, e.label, e.reason, 'pending', 0, ${now}, ${now}
  ${SOURCES}
  WHERE ${eventIs} AND e.label = 'human' AND ${WANTS_KIND}
  ORDER BY e.seq, w.id`;
}

/**
 * A relabelled event (after its UPDATE, so e.seq is its new one): announced when it is human now,
 * or when the endpoint was told about it before. Its message id is the event id and new seq.
 */
export function enqueueRelabelledSql(eventIs: string, now: string, seqText: string): string {
  return `${COLUMNS}
  SELECT w.id, e.id || '.' || ${seqText}, 'event.relabelled', e.id, e.email_token, e.label, e.reason, 'pending', 0, ${now}, ${now}
  ${SOURCES}
  WHERE ${eventIs} AND ${WANTS_KIND}
    AND (e.label = 'human' OR EXISTS (SELECT 1 FROM crm_deliveries p WHERE p.endpoint_id = w.id AND p.event_id = e.id))
  ORDER BY e.seq, w.id`;
}
