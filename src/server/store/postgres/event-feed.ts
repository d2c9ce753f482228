// Feed pages on PostgreSQL: forward by cursor (oldest first, retracted events included) or
// backward history pages (newest first, self events never), with the head of the whole store.
import { toFeedEvent, type FeedRow } from '../rows/events.ts';
import type { FeedPage, FeedQuery } from '../types.ts';
import type { PgDatabase } from './database.ts';

const FEED_SELECT = `SELECT e.*, m.subject AS m_subject, m.to_json AS m_to, m.cc_json AS m_cc,
    m.sent_at AS m_sent_at, m.gmail_thread_id AS m_thread
  FROM events e JOIN emails m ON m.token = e.email_token
  WHERE e.user_id = $1`;
// Self events never show, nor machine ones without includeMachine ($2); forward reads still carry
// the retracted ones (relabelled self or machine after the feed may have delivered them, SQLite
// migration 003) so a client following the cursor drops what it holds.
const FORWARD_FILTER = `(e.label <> 'self' OR e.retracted = 1) AND ($2::boolean OR e.label <> 'machine' OR e.retracted = 1)`;
const HISTORY_FILTER = `e.label <> 'self' AND ($2::boolean OR e.label <> 'machine')`;

// Page and head in one statement, so from one snapshot: the feed route moves a cursor up to the
// head when the page is all there is, which must not pass an event committed between two reads.
// An empty page is one row whose event columns are all null.
const withHead = (page: string, order: 'ASC' | 'DESC'): string =>
  `SELECT h.head, p.* FROM (SELECT COALESCE(MAX(seq), 0) AS head FROM events) h
   LEFT JOIN LATERAL (${page}) p ON true ORDER BY p.seq ${order}`;
const AFTER = withHead(`${FEED_SELECT} AND ${FORWARD_FILTER} AND e.seq > $3 ORDER BY e.seq ASC LIMIT $4`, 'ASC');
const BEFORE = withHead(`${FEED_SELECT} AND ${HISTORY_FILTER} AND e.seq < $3 ORDER BY e.seq DESC LIMIT $4`, 'DESC');

type PageRow = (FeedRow | { seq: null }) & { head: number };
const isEvent = (row: PageRow): row is FeedRow & { head: number } => row.seq !== null;

// Cursors are compared as BIGINT: one beyond it (SQLite compares any number) reads as the largest.
const asSeq = (cursor: number): number => Math.min(cursor, Number.MAX_SAFE_INTEGER);

export async function readFeedPage(db: PgDatabase, query: FeedQuery): Promise<FeedPage> {
  const [sql, cursor] = query.after !== undefined ? [AFTER, query.after] : [BEFORE, query.before ?? Number.MAX_SAFE_INTEGER];
  const rows = await db.query<PageRow>(sql, [query.userId, query.includeMachine, asSeq(cursor), query.limit + 1]);
  const events = rows.filter(isEvent);
  return {
    events: events.slice(0, query.limit).map(toFeedEvent),
    hasMore: events.length > query.limit,
    head: rows[0]?.head ?? 0,
  };
}
