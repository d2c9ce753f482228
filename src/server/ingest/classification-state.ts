// What the classifier needs to know about each email, built from a stream of events in arrival
// order: the send (time, owner devices, link count), the rep's self-view beacons, earlier clicks
// and human opens. `glint classify` uses it; the server's hit-history.ts applies the same windows
// (context-window.ts) over its store. Only the recent past matters (the lookbacks in
// tracking-config.ts), so older entries are dropped and the state per email stays small however
// long the stream is.
import type { Classification } from '../../shared/event-model.ts';
import { HUMAN_OPEN_LOOKBACK_MS, PRIOR_CLICK_LOOKBACK_MS, SELF_VIEW_LOOKBACK_MS } from '../../shared/tracking-config.ts';
import { allowedNetworks, type AllowedNetworks } from './allowed-networks.ts';
import { classify } from './classify.ts';
import type { ClassifiableHit, ClassificationContext } from './classify-types.ts';
import { aroundHit } from './context-window.ts';

export interface SentEvent {
  token: string;
  at: Date;
  ownerDevices: readonly string[];
  links?: number | undefined;
  /** Normalised CIDRs the owner's team allow-listed (team-network-cidr.ts). */
  allowedNetworks?: readonly string[] | undefined;
}

export interface SelfViewEvent {
  token: string;
  deviceId: string;
  at: Date;
}

type PriorClick = ClassificationContext['priorClicks'][number];
type SelfView = ClassificationContext['selfViews'][number];
type HumanOpen = NonNullable<ClassificationContext['humanOpens']>[number];

interface EmailState {
  sent?: SentEvent;
  /** The sent event's allow-list, compiled once for all its hits. */
  allowed?: AllowedNetworks;
  selfViews: SelfView[];
  clicks: PriorClick[];
  humanOpens: HumanOpen[];
}

/**
 * Appends, then drops entries older than `lookbackMs` before the newest (input may be slightly
 * unordered). Filters only when the first entry has expired, so an ordered stream costs O(1).
 */
function appendPruned<T extends { at: Date }>(entries: T[], entry: T, lookbackMs: number): T[] {
  entries.push(entry);
  const first = entries[0];
  const cutoff = entry.at.getTime() - lookbackMs;
  if (!first || first.at.getTime() >= cutoff) return entries;
  return entries.filter((e) => e.at.getTime() >= cutoff);
}

export class ClassificationState {
  private readonly emails = new Map<string, EmailState>();

  private email(token: string): EmailState {
    let state = this.emails.get(token);
    if (!state) {
      state = { selfViews: [], clicks: [], humanOpens: [] };
      this.emails.set(token, state);
    }
    return state;
  }

  /** A later `sent` for the same token replaces the earlier one (re-registration). */
  recordSent(sent: SentEvent): void {
    const state = this.email(sent.token);
    state.sent = sent;
    if (sent.allowedNetworks && sent.allowedNetworks.length > 0) state.allowed = allowedNetworks(sent.allowedNetworks);
    else delete state.allowed;
  }

  recordSelfView(view: SelfViewEvent): void {
    const state = this.email(view.token);
    state.selfViews = appendPruned(state.selfViews, { deviceId: view.deviceId, at: view.at }, SELF_VIEW_LOOKBACK_MS);
  }

  /**
   * The context for a hit from what arrived before it. Without a `sent` for the token there is no
   * send time, owner device or link count; its self views and earlier clicks still count.
   */
  contextFor(hit: ClassifiableHit): ClassificationContext {
    const state = this.emails.get(hit.token);
    const humanOpens = aroundHit(state?.humanOpens ?? [], hit.visitStartedAt ?? hit.at, HUMAN_OPEN_LOOKBACK_MS);
    return {
      sentAt: state?.sent?.at,
      ownerDevices: state?.sent?.ownerDevices ?? [],
      links: state?.sent?.links,
      selfViews: aroundHit(state?.selfViews ?? [], hit.at, SELF_VIEW_LOOKBACK_MS),
      priorClicks: aroundHit(state?.clicks ?? [], hit.at, PRIOR_CLICK_LOOKBACK_MS),
      ...(humanOpens.length > 0 ? { humanOpens } : {}),
      ...(state?.allowed ? { allowedNetworks: state.allowed } : {}),
    };
  }

  /**
   * Remembers a hit for later ones: clicks feed the all-links rule, human opens the person-on-call
   * test (person-on-call.ts). Other opens need no memory.
   */
  recordHit(hit: ClassifiableHit, label: Classification['label']): void {
    if (hit.kind === 'open' && label === 'human') {
      const state = this.email(hit.token);
      const open: HumanOpen = { at: hit.at, ip: hit.ip, userAgent: hit.userAgent };
      state.humanOpens = appendPruned(state.humanOpens, open, HUMAN_OPEN_LOOKBACK_MS);
    }
    if (hit.kind !== 'click') return;
    const state = this.email(hit.token);
    const click: PriorClick = { id: hit.id, linkId: hit.linkId, at: hit.at, ip: hit.ip };
    state.clicks = appendPruned(state.clicks, click, PRIOR_CLICK_LOOKBACK_MS);
  }

  /** Classifies a hit against everything before it, then remembers it. */
  classify(hit: ClassifiableHit): Classification {
    const result = classify(hit, this.contextFor(hit));
    this.recordHit(hit, result.label);
    return result;
  }
}
