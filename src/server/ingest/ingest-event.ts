// ingestEvent(): the ONE path every event takes: hits (pixel, click, document beacons and downloads)
// and the replies, auto-replies and bounces the mailbox watcher finds (ingest-mail-event.ts).
// A hit: its email's history in one store read (readHitState: on PostgreSQL from the tables, so
// every server sharing the database judges alike; recent-opens.ts for at-send link hits) and the
// owner's team's allow-listed networks (team-network-cache.ts, no query per hit) -> classify() ->
// repeat flag -> group-committed append -> wake the feed.
import type { HitKind } from '../../shared/event-model.ts';
import { mintTimePrefixedId } from '../../shared/ids.ts';
import { PRIOR_CLICK_LIMIT, PRIOR_CLICK_LOOKBACK_MS, REPEAT_OPEN_WINDOW_MS, SELF_VIEW_LOOKBACK_MS } from '../../shared/tracking-config.ts';
import type { StoredEvent } from '../store/store.ts';
import type { ClassifiableHit } from './classify.ts';
import { classifyWithHistory } from './hit-history.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { ingestMailEvent, isMailEventInput, type MailEventInput } from './ingest-mail-event.ts';
import { opensBeforeAtSendLink } from './recent-opens.ts';
import { relabelSweep } from './sweep-relabel.ts';

export interface HitInput {
  kind: HitKind;
  token: string;
  ip: string;
  userAgent: string;
  deviceId?: string | undefined;
  linkIndex?: number | undefined;
  /** Destination of a click. */
  url?: string | undefined;
  /** The user whose key signed a click link. */
  signerUserId?: string | undefined;
  details?: Record<string, unknown> | undefined;
  /** doc_pages: when the visit began, so its timing verdict matches the visit's doc_open. */
  visitStartedAt?: Date | undefined;
}

/**
 * Records one hit or mail event; resolves once it is durable. Null when it is not recorded: a click
 * signed by a user other than the owner of the (registered) email it names, a hit of an
 * unregistered token beyond the orphan bounds, a mail event already recorded for the same message.
 */
export async function ingestEvent(deps: IngestDeps, input: HitInput | MailEventInput): Promise<StoredEvent | null> {
  if (isMailEventInput(input)) return ingestMailEvent(deps, input);
  const { store, hub } = deps;
  const at = deps.now?.() ?? new Date();
  const state = await store.readHitState({
    token: input.token,
    signerUserId: input.signerUserId ?? null,
    selfViewsSince: new Date(at.getTime() - SELF_VIEW_LOOKBACK_MS),
    clicks: input.kind === 'click' ? { since: new Date(at.getTime() - PRIOR_CLICK_LOOKBACK_MS), limit: PRIOR_CLICK_LIMIT } : null,
    humanOpenSince: input.kind === 'open' ? new Date(at.getTime() - REPEAT_OPEN_WINDOW_MS) : null,
  });
  const { email, ownerId, ownerDevices, selfViews, priorClicks, lastHumanOpenAt } = state;
  if (email && input.signerUserId && email.userId !== input.signerUserId) return null;
  // A hit nobody may own yet is kept within bounds only (orphans/orphan-limits.ts).
  if (!email && (input.kind === 'open' || input.kind === 'click') && deps.orphans) {
    if (!(await deps.orphans.admit(input.token, input.ip, at.getTime()))) return null;
  }
  const [recentOpens, allowedNetworks] = await Promise.all([
    opensBeforeAtSendLink(store, email, input.kind, input.visitStartedAt ?? at),
    ownerId ? deps.teamNetworks.forUser(ownerId) : undefined,
  ]);
  const hit: ClassifiableHit = {
    id: mintTimePrefixedId('event', at),
    kind: input.kind,
    token: input.token,
    at,
    ip: input.ip,
    userAgent: input.userAgent,
    ...(input.deviceId ? { deviceId: input.deviceId } : {}),
    ...(input.linkIndex === undefined ? {} : { linkId: String(input.linkIndex) }),
    ...(input.visitStartedAt ? { visitStartedAt: input.visitStartedAt } : {}),
  };
  const known = { email, ownerId, ownerDevices, selfViews, priorClicks, lastHumanOpenAt, recentOpens, allowedNetworks };
  const verdict = classifyWithHistory(hit, known);
  const stored = await store.appendEvent({
    id: hit.id,
    kind: input.kind,
    label: verdict.label,
    reason: verdict.reason,
    at,
    emailToken: input.token,
    userId: email?.userId ?? null,
    signerUserId: input.signerUserId ?? null,
    linkIndex: input.linkIndex ?? null,
    url: input.url ?? null,
    ip: input.ip,
    userAgent: input.userAgent,
    deviceId: input.deviceId ?? null,
    repeat: verdict.repeat,
    details: verdict.network === undefined ? (input.details ?? null) : { ...input.details, network: verdict.network },
  });
  await relabelSweep(deps, hit, verdict, priorClicks, stored);
  if (stored.userId) hub.notify(stored.userId);
  return stored;
}
