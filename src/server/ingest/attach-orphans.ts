// Hits that arrived before their email was registered are kept with no owner. At registration
// they are re-classified with what is now known (send time, owner devices, links) and attached:
// each gets a new seq so the owner's feed delivers it.
import { PRIOR_CLICK_LIMIT, SELF_VIEW_LOOKBACK_MS } from '../../shared/tracking-config.ts';
import type { EmailRecord, EventRelabel, RecentHit, StoredEvent } from '../store/store.ts';
import type { ClassifiableHit } from './classify.ts';
import { classifyWithHistory } from './hit-history.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { sweepRelabels } from './sweep-relabel.ts';

export async function attachOrphans(deps: IngestDeps, email: EmailRecord): Promise<StoredEvent[]> {
  const { store, hub } = deps;
  // Hits still in the group-commit queue must be on disk to be found.
  await store.flush();
  const orphans = (await store.listOrphanEvents(email.token)).filter(
    (event) => event.signerUserId === null || event.signerUserId === email.userId,
  );
  if (orphans.length === 0) return [];
  const first = orphans[0]?.at ?? new Date();
  const [ownerDevices, selfViews, allowedNetworks] = await Promise.all([
    store.listDeviceIds(email.userId),
    store.listSelfViews(email.token, email.userId, new Date(first.getTime() - SELF_VIEW_LOOKBACK_MS)),
    deps.teamNetworks.forUser(email.userId),
  ]);
  // Re-judged in arrival order; each sees the new labels of the ones before it. A click that
  // completes a link sweep also turns the earlier clicks of the sweep machine (sweep-relabel.ts).
  let priorClicks: RecentHit[] = [];
  let lastHumanOpenAt: Date | null = null;
  const recentOpens: StoredEvent[] = [];
  const sweeps = new Map<string, EventRelabel>();
  const judged = orphans.map((event) => {
    if (event.kind !== 'open' && event.kind !== 'click') {
      return { id: event.id, label: event.label, reason: event.reason, repeat: event.repeat };
    }
    const hit: ClassifiableHit = {
      id: event.id,
      kind: event.kind,
      token: event.emailToken,
      at: event.at,
      ip: event.ip ?? '',
      userAgent: event.userAgent ?? '',
      ...(event.deviceId ? { deviceId: event.deviceId } : {}),
      ...(event.linkIndex === null ? {} : { linkId: String(event.linkIndex) }),
    };
    const known = { email, ownerId: email.userId, ownerDevices, selfViews, priorClicks, lastHumanOpenAt, recentOpens, allowedNetworks };
    const verdict = classifyWithHistory(hit, known);
    if (event.kind === 'click') {
      for (const change of sweepRelabels(hit, verdict, priorClicks)) sweeps.set(change.id, change);
      const click = { id: event.id, kind: event.kind, label: verdict.label, at: event.at, linkIndex: event.linkIndex, ip: event.ip };
      priorClicks = [click, ...priorClicks].slice(0, PRIOR_CLICK_LIMIT);
    } else if (verdict.label === 'human') {
      lastHumanOpenAt = event.at;
      recentOpens.push({ ...event, label: 'human' });
    }
    return { id: event.id, label: verdict.label, reason: verdict.reason, repeat: verdict.repeat };
  });
  const relabels = judged.map((relabel) => sweeps.get(relabel.id) ?? relabel);
  // The store takes the token's orphan count off in the same transaction.
  const attached = await store.attachEvents(email.token, email.userId, relabels);
  if (attached.length > 0) hub.notify(email.userId);
  return attached;
}
