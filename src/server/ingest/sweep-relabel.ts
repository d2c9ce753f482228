// Later evidence from a click. A scanner sweeping every link of an email is recognised only by the
// click that completes the set (rules/link-scanner-all-links.ts); the earlier clicks of the same
// sweep were judged before that and, past the at-delivery window, came out human. They are the
// same scanner, so they are relabelled machine with the same reason (and re-delivered by the feed).
import type { Classification } from '../../shared/event-model.ts';
import { LINK_SCANNER_ALL_LINKS_WINDOW_MS, PRIOR_CLICK_LOOKBACK_MS } from '../../shared/tracking-config.ts';
import type { EventRelabel, RecentHit, StoredEvent } from '../store/store.ts';
import type { ClassifiableHit } from './classify-types.ts';
import { aroundHit } from './context-window.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { parseIp, sameNetwork } from './ip-match.ts';

/** An earlier click as the sweep needs it: the store's RecentHit, or `glint classify`'s (a link id). */
export type SweepCandidate = Pick<RecentHit, 'id' | 'kind' | 'label' | 'at' | 'ip'> & { linkIndex: number | string | null };

/**
 * The human clicks among `priorClicks` that belong to the sweep `hit` completes: the ones the rule
 * counted (a tracked link, within the sweep window, same /24 or /64). Pure.
 */
export function sweepRelabels(hit: ClassifiableHit, verdict: Classification, priorClicks: readonly SweepCandidate[]): EventRelabel[] {
  if (hit.kind !== 'click' || verdict.reason !== 'link-scanner-all-links') return [];
  const address = parseIp(hit.ip);
  return aroundHit(priorClicks, hit.at, PRIOR_CLICK_LOOKBACK_MS)
    .filter(
      (prior) =>
        prior.id !== hit.id &&
        prior.kind === 'click' &&
        prior.label === 'human' &&
        prior.linkIndex !== null &&
        Math.abs(prior.at.getTime() - hit.at.getTime()) <= LINK_SCANNER_ALL_LINKS_WINDOW_MS &&
        sameNetwork(address, parseIp(prior.ip ?? '')),
    )
    .map((prior) => ({ id: prior.id, label: 'machine', reason: 'link-scanner-all-links', repeat: false }));
}

/**
 * Relabels the rest of the sweep once the completing click is stored (so durable before the click
 * is answered) and wakes the owner's feed. Orphan clicks wait for attachOrphans().
 */
export async function relabelSweep(
  deps: IngestDeps,
  hit: ClassifiableHit,
  verdict: Classification,
  priorClicks: readonly RecentHit[],
  stored: StoredEvent,
): Promise<StoredEvent[]> {
  const relabels = sweepRelabels(hit, verdict, priorClicks);
  if (relabels.length === 0 || stored.userId === null) return [];
  const changed = await deps.store.relabelEvents(stored.userId, relabels);
  if (changed.length > 0) deps.hub.notify(stored.userId);
  return changed;
}
