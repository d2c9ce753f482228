// readHitState() on PostgreSQL: the tables say what the rules need of a hit's email, so a hit
// judged by any server sees what every server wrote (no per-process cache). The reads that arrive
// in one turn of the event loop go out as one statement (a round trip per hit costs more than the
// hit's own share of a group commit); each still starts after its hit arrived. The server's own
// queued events are added as on SQLite (read your writes); the queue is read first, so an event
// that leaves it meanwhile is committed before the statement runs.
import { VIEWS_PER_TOKEN } from '../cache-sizes.ts';
import type { HitState, HitStateQuery } from '../hit-state-store.ts';
import { newestHumanOpen, NO_OPEN, queuedClicks, queuedHumanOpens, withQueuedClicks } from '../queued-hits.ts';
import { toEmail, type EmailRow } from '../rows/emails.ts';
import type { NewEvent, RecentHit, SelfView } from '../types.ts';
import type { PgDatabase } from './database.ts';

// One row per query, numbered n. The owner is the email's user, else the link's signer. The
// newest views since a time (at most VIEWS_PER_TOKEN) are what SQLite's cache of the newest views
// gives; a NULL time matches no row (not asked for).
const HIT_STATES = `SELECT q.n AS hit_n, e.*,
  ARRAY(SELECT id FROM devices WHERE user_id = COALESCE(e.user_id, q.signer)) AS hit_owner_devices,
  (SELECT COALESCE(json_agg(json_build_array(v.device_id, v.at) ORDER BY v.at), '[]'::json)
     FROM (SELECT device_id, at FROM self_views
           WHERE email_token = q.token AND user_id = COALESCE(e.user_id, q.signer) AND at >= q.views_since
           ORDER BY at DESC LIMIT ${VIEWS_PER_TOKEN}) v) AS hit_self_views,
  (SELECT max(at) FROM events WHERE email_token = q.token AND kind = 'open' AND label = 'human' AND at >= q.open_since)
    AS hit_last_human_open,
  (SELECT COALESCE(json_agg(json_build_array(c.id, c.label, c.at, c.link_index, c.ip) ORDER BY c.at DESC, c.seq DESC), '[]'::json)
     FROM (SELECT id, label, at, link_index, ip, seq FROM events
           WHERE email_token = q.token AND kind = 'click' AND at >= q.clicks_since
           ORDER BY at DESC, seq DESC LIMIT q.click_limit) c) AS hit_clicks
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::integer[])
  WITH ORDINALITY AS q(token, signer, views_since, open_since, clicks_since, click_limit, n)
LEFT JOIN emails e ON e.token = q.token`;

type HitStateRow = Partial<EmailRow> & {
  hit_n: number;
  hit_owner_devices: string[];
  hit_self_views: [string, number][];
  hit_last_human_open: number | null;
  hit_clicks: [string, RecentHit['label'], number, number | null, string | null][];
};

interface Waiting {
  query: HitStateQuery;
  /** The server's own queued events of the token, read when the hit asked. */
  queued: readonly NewEvent[];
  resolve(state: HitState): void;
  reject(error: unknown): void;
}

export class HitStateReader {
  private readonly db: Pick<PgDatabase, 'queryPrepared'>;
  private readonly pendingFor: (token: string) => readonly NewEvent[];
  private waiting: Waiting[] = [];

  constructor(db: Pick<PgDatabase, 'queryPrepared'>, pendingFor: (token: string) => readonly NewEvent[]) {
    this.db = db;
    this.pendingFor = pendingFor;
  }

  read(query: HitStateQuery): Promise<HitState> {
    const queued = [...this.pendingFor(query.token)];
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.send());
      this.waiting.push({ query, queued, resolve, reject });
    });
  }

  private async send(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    const column = <T>(value: (query: HitStateQuery) => T): T[] => batch.map((waiting) => value(waiting.query));
    try {
      // Prepared: planning this statement takes longer than running it.
      const rows = await this.db.queryPrepared<HitStateRow>('glint_hit_states', HIT_STATES, [
        column((query) => query.token),
        column((query) => query.signerUserId),
        column((query) => query.selfViewsSince.getTime()),
        column((query) => query.humanOpenSince?.getTime() ?? null),
        column((query) => query.clicks?.since.getTime() ?? null),
        column((query) => query.clicks?.limit ?? 0),
      ]);
      const byNumber = new Map(rows.map((row) => [row.hit_n, row]));
      batch.forEach((waiting, index) => {
        const row = byNumber.get(index + 1);
        if (row) waiting.resolve(toHitState(waiting, row));
        else waiting.reject(new Error('the hit state query returned no row'));
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}

function toHitState({ query, queued }: Waiting, row: HitStateRow): HitState {
  const { clicks, humanOpenSince } = query;
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
    priorClicks: clicks ? withQueuedClicks(queuedClicks(queued, clicks.since), stored, clicks.limit) : [],
    lastHumanOpenAt: humanOpenSince
      ? newestHumanOpen(row.hit_last_human_open ?? NO_OPEN, queuedHumanOpens(queued, humanOpenSince), humanOpenSince)
      : null,
  };
}
