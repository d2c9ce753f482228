// Turns an email's earlier hits into the classifier's context and decides repeat opens. Pure, so
// live ingestion and the re-classification of early hits at registration share it.
import type { Classification } from '../../shared/event-model.ts';
import { PRIOR_CLICK_LOOKBACK_MS, REPEAT_OPEN_WINDOW_MS, SELF_VIEW_LOOKBACK_MS } from '../../shared/tracking-config.ts';
import type { EmailRecord, RecentHit, SelfView, StoredEvent } from '../store/store.ts';
import type { AllowedNetworks } from './allowed-networks.ts';
import { classify, type ClassifiableHit, type ClassificationContext } from './classify.ts';
import { aroundHit } from './context-window.ts';

export interface Judgement extends Classification {
  repeat: boolean;
}

export interface KnownFacts {
  email: EmailRecord | null;
  /** The email's owner, or for a click on an unregistered email the user who signed the link. */
  ownerId: string | null;
  ownerDevices: readonly string[];
  selfViews: readonly SelfView[];
  /** Recent clicks of the same email (the hit itself is filtered out here). */
  priorClicks: readonly RecentHit[];
  /** The newest human open of the same email before this hit, if recent. */
  lastHumanOpenAt: Date | null;
  /** Opens of the same email just before an at-send link hit (recent-opens.ts); only human ones count. */
  recentOpens?: readonly Pick<StoredEvent, 'kind' | 'label' | 'at' | 'ip' | 'userAgent'>[];
  /** The networks the owner's team allow-listed (team-network-cache.ts); absent when none. */
  allowedNetworks?: AllowedNetworks | undefined;
}

/** The same windows as `glint classify` (context-window.ts), so both label the same input alike. */
export function contextFor(hit: ClassifiableHit, facts: KnownFacts): ClassificationContext {
  const ownViews = facts.selfViews.filter((view) => facts.ownerId === null || view.userId === facts.ownerId);
  const otherClicks = facts.priorClicks.filter((prior) => prior.id !== hit.id);
  const context: ClassificationContext = {
    ownerDevices: facts.ownerDevices,
    selfViews: aroundHit(ownViews, hit.at, SELF_VIEW_LOOKBACK_MS).map((view) => ({ deviceId: view.deviceId, at: view.at })),
    priorClicks: aroundHit(otherClicks, hit.at, PRIOR_CLICK_LOOKBACK_MS).map((prior) => ({
      id: prior.id,
      at: prior.at,
      ip: prior.ip ?? '',
      ...(prior.linkIndex === null ? {} : { linkId: String(prior.linkIndex) }),
    })),
  };
  const humanOpens = (facts.recentOpens ?? []).filter((open) => open.kind === 'open' && open.label === 'human');
  if (humanOpens.length > 0) {
    context.humanOpens = humanOpens.map((open) => ({ at: open.at, ip: open.ip ?? '', userAgent: open.userAgent ?? '' }));
  }
  if (facts.allowedNetworks) context.allowedNetworks = facts.allowedNetworks;
  if (facts.email) {
    context.sentAt = facts.email.sentAt;
    context.links = facts.email.links.length;
  }
  return context;
}

/** A human open shortly after another human open of the same email: do not notify twice. */
export function isRepeatOpen(hit: ClassifiableHit, label: Classification['label'], lastHumanOpenAt: Date | null): boolean {
  if (hit.kind !== 'open' || label !== 'human' || lastHumanOpenAt === null) return false;
  const gap = hit.at.getTime() - lastHumanOpenAt.getTime();
  return gap >= 0 && gap <= REPEAT_OPEN_WINDOW_MS;
}

/** Classifies a hit against what is known of its email's earlier hits, and flags a repeat open. */
export function classifyWithHistory(hit: ClassifiableHit, facts: KnownFacts): Judgement {
  const classification = classify(hit, contextFor(hit, facts));
  return { ...classification, repeat: isRepeatOpen(hit, classification.label, facts.lastHumanOpenAt) };
}
