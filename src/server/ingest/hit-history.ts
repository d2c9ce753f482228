// Turns an email's earlier hits into the classifier's context and decides repeat opens. Pure, so
// live ingestion and the re-classification of early hits at registration share it.
import type { Classification } from '../../shared/event-model.ts';
import { REPEAT_OPEN_WINDOW_MS } from '../../shared/tracking-config.ts';
import type { EmailRecord, RecentHit, SelfView } from '../store/store.ts';
import { classify, type ClassifiableHit, type ClassificationContext } from './classify.ts';

export interface Judgement extends Classification {
  repeat: boolean;
}

export interface KnownFacts {
  email: EmailRecord | null;
  /** The email's owner, or for a click on an unregistered email the user who signed the link. */
  ownerId: string | null;
  ownerDevices: readonly string[];
  selfViews: readonly SelfView[];
  /** Recent clicks of the same email (the hit itself and later ones are filtered out here). */
  priorClicks: readonly RecentHit[];
  /** The newest human open of the same email before this hit, if recent. */
  lastHumanOpenAt: Date | null;
}

export function contextFor(hit: ClassifiableHit, facts: KnownFacts): ClassificationContext {
  const before = (at: Date): boolean => at.getTime() <= hit.at.getTime();
  const context: ClassificationContext = {
    ownerDevices: facts.ownerDevices,
    selfViews: facts.selfViews
      .filter((view) => (facts.ownerId === null || view.userId === facts.ownerId) && before(view.at))
      .map((view) => ({ deviceId: view.deviceId, at: view.at })),
    priorClicks: facts.priorClicks
      .filter((prior) => prior.id !== hit.id && before(prior.at))
      .map((prior) => ({
        id: prior.id,
        at: prior.at,
        ip: prior.ip ?? '',
        ...(prior.linkIndex === null ? {} : { linkId: String(prior.linkIndex) }),
      })),
  };
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

export function judge(hit: ClassifiableHit, facts: KnownFacts): Judgement {
  const classification = classify(hit, contextFor(hit, facts));
  return { ...classification, repeat: isRepeatOpen(hit, classification.label, facts.lastHumanOpenAt) };
}
