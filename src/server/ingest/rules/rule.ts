// The shape of one classification rule. classify.ts computes the facts once per hit and asks the
// rules in order; the first that matches names the label and the reason.
import type { LabelReason } from '../../../shared/event-model.ts';
import type { ClassifiableHit, ClassificationContext } from '../classify-types.ts';
import type { IpAddress } from '../ip-match.ts';

export interface HitFacts {
  hit: ClassifiableHit;
  context: ClassificationContext;
  /** The parsed client address; null when unreadable (then no network rule matches). */
  address: IpAddress | null;
  /** The User-Agent with surrounding whitespace removed. */
  userAgent: string;
  /** hit.at (a visit's start for doc_pages) - sentAt in ms, or null when the send time is unknown. */
  msSinceSent: number | null;
}

export interface Rule {
  reason: Exclude<LabelReason, 'no-machine-signal'>;
  label: 'self' | 'machine';
  matches(facts: HitFacts): boolean;
  /** For a rule that recognised a network: which one, shown with the event. */
  network?(facts: HitFacts): string | null;
}
