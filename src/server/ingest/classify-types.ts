// The classifier's inputs. The server's ingestEvent() and `glint classify` build these; classify.ts
// re-exports them as its public interface.
import type { HitKind } from '../../shared/event-model.ts';
import type { AllowedNetworks } from './allowed-networks.ts';

/** One fetch of a tracking URL, as the server saw it. `at` is the server's receive time. */
export interface ClassifiableHit {
  id: string;
  /** Document hits (doc_*) meet the rules of clicks (followed-link.ts), not the image-proxy ones. */
  kind: HitKind;
  token: string;
  at: Date;
  ip: string;
  userAgent: string;
  /** The X-Glint-Device header, present only when the rep's own browser made the request. */
  deviceId?: string;
  linkId?: string;
  /** doc_pages: when its visit began (the visit's doc_open); timing rules judge the visit from then. */
  visitStartedAt?: Date;
}

/** What was known about the hit's email when the hit arrived (all of it for the same token). */
export interface ClassificationContext {
  sentAt?: Date;
  ownerDevices: readonly string[];
  /** How many tracked links the email has. */
  links?: number;
  selfViews: readonly { deviceId: string; at: Date }[];
  priorClicks: readonly { id: string; linkId?: string; at: Date; ip: string }[];
  /** Recent opens labelled human (person-on-call.ts); absent when none are known. */
  humanOpens?: readonly { at: Date; ip: string; userAgent: string }[];
  /**
   * The networks the owner's team allow-listed (allowed-networks.ts): hits from there are judged
   * on the other signals, never on the network. Absent when the team has none.
   */
  allowedNetworks?: AllowedNetworks;
}
