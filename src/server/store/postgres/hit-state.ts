// readHitState() on PostgreSQL: one statement reads what the rules need of a hit's email from the
// tables themselves, so a hit judged by any server sees what every server wrote (no per-process
// cache). The server's own queued events are added as on SQLite (read your writes); the queue is
// read first, so an event that leaves it meanwhile is committed before the statement runs.
import { VIEWS_PER_TOKEN } from '../cache-sizes.ts';
import type { HitState, HitStateQuery } from '../hit-state-store.ts';
import { newestHumanOpen, NO_OPEN, queuedClicks, queuedHumanOpens, withQueuedClicks } from '../queued-hits.ts';
import { toEmail, type EmailRow } from '../rows/emails.ts';
import type { NewEvent, RecentHit, SelfView } from '../types.ts';
import type { PgDatabase } from './database.ts';

// The owner is the email's user, else the link's signer. The newest views since $3 (at most $4)
// are what the cache of the newest views gave; a NULL time ($5, $6) matches no row.
const HIT_STATE = `SELECT e.*,
  ARRAY(SELECT id FROM devices WHERE user_id = COALESCE(e.user_id, $2::text)) AS hit_owner_devices,
  (SELECT COALESCE(json_agg(json_build_array(v.device_id, v.at) ORDER BY v.at), '[]'::json)
     FROM (SELECT device_id, at FROM self_views
           WHERE email_token = $1 AND user_id = COALESCE(e.user_id, $2::text) AND at >= $3::bigint
           ORDER BY at DESC LIMIT $4) v) AS hit_self_views,
  (SELECT max(at) FROM events WHERE email_token = $1 AND kind = 'open' AND label = 'human' AND at >= $5::bigint)
    AS hit_last_human_open,
  (SELECT COALESCE(json_agg(json_build_array(c.id, c.label, c.at, c.link_index, c.ip) ORDER BY c.at DESC, c.seq DESC), '[]'::json)
     FROM (SELECT id, label, at, link_index, ip, seq FROM events
           WHERE email_token = $1 AND kind = 'click' AND at >= $6::bigint
           ORDER BY at DESC, seq DESC LIMIT $7) c) AS hit_clicks
FROM (SELECT 1) AS one LEFT JOIN emails e ON e.token = $1::text`;

type HitStateRow = Partial<EmailRow> & {
  hit_owner_devices: string[];
  hit_self_views: [string, number][];
  hit_last_human_open: number | null;
  hit_clicks: [string, RecentHit['label'], number, number | null, string | null][];
};

export async function readHitState(
  db: Pick<PgDatabase, 'queryPrepared'>,
  pendingFor: (token: string) => readonly NewEvent[],
  query: HitStateQuery,
): Promise<HitState> {
  const { token, clicks, humanOpenSince } = query;
  const queued = pendingFor(token);
  const queuedOpens = humanOpenSince ? queuedHumanOpens(queued, humanOpenSince) : [];
  const pendingClicks = clicks ? queuedClicks(queued, clicks.since) : [];
  // Prepared: planning this statement takes longer than running it.
  const [row] = await db.queryPrepared<HitStateRow>('glint_hit_state', HIT_STATE, [
    token,
    query.signerUserId,
    query.selfViewsSince.getTime(),
    VIEWS_PER_TOKEN,
    humanOpenSince?.getTime() ?? null,
    clicks?.since.getTime() ?? null,
    clicks?.limit ?? 0,
  ]);
  if (!row) throw new Error('the hit state query returned no row');
  const email = row.token ? toEmail(row as EmailRow) : null;
  const ownerId = email?.userId ?? query.signerUserId;
  const selfViews: SelfView[] = ownerId
    ? row.hit_self_views.map(([deviceId, at]) => ({ userId: ownerId, deviceId, at: new Date(at) }))
    : [];
  const stored: RecentHit[] = row.hit_clicks.map(([id, label, at, linkIndex, ip]) => ({
    id,
    kind: 'click',
    label,
    at: new Date(at),
    linkIndex,
    ip,
  }));
  return {
    email,
    ownerId,
    ownerDevices: row.hit_owner_devices,
    selfViews,
    priorClicks: clicks ? withQueuedClicks(pendingClicks, stored, clicks.limit) : [],
    lastHumanOpenAt: humanOpenSince ? newestHumanOpen(row.hit_last_human_open ?? NO_OPEN, queuedOpens, humanOpenSince) : null,
  };
}
