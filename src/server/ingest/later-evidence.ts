// Later evidence for `glint classify`, as the server applies it: a click that completes a link
// sweep relabels the earlier human clicks of the sweep machine (sweep-relabel.ts), and a self-view
// beacon relabels the Gmail-proxy opens it explains self (self-view-relabel.ts, same window). The
// command prints a later line for each relabelled hit, so the last line for an id is what the rep
// ends up seeing. Keeps the recent clicks and opens of each email with their current labels; older
// ones are dropped (the same lookbacks as the server), so memory stays flat on a long stream.
import type { Classification } from '../../shared/event-model.ts';
import { CLIENT_CLOCK_SKEW_MS, PRIOR_CLICK_LOOKBACK_MS, SELF_VIEW_LOOKBACK_MS, SELF_VIEW_WINDOW_MS } from '../../shared/tracking-config.ts';
import type { ClassifiableHit } from './classify-types.ts';
import { sweepRelabels, type SweepCandidate } from './sweep-relabel.ts';

/** A hit whose label changed after its line was printed. */
export interface LaterLabel extends Classification {
  id: string;
}

interface Recent {
  clicks: SweepCandidate[];
  opens: { hit: ClassifiableHit; label: Classification['label'] }[];
}

/** Drops entries more than `lookbackMs` older than the newest time seen (input may be slightly unordered). */
function pruned<T>(entries: T[], atOf: (entry: T) => Date, newest: Date, lookbackMs: number): T[] {
  const cutoff = newest.getTime() - lookbackMs;
  const first = entries[0];
  return first && atOf(first).getTime() < cutoff ? entries.filter((entry) => atOf(entry).getTime() >= cutoff) : entries;
}

export class LaterEvidence {
  private readonly emails = new Map<string, Recent>();
  /** Emails with a known send: only a registered email's opens are relabelled by a beacon. */
  private readonly sent = new Set<string>();

  recordSent(token: string): void {
    this.sent.add(token);
  }

  private recent(token: string): Recent {
    let recent = this.emails.get(token);
    if (!recent) {
      recent = { clicks: [], opens: [] };
      this.emails.set(token, recent);
    }
    return recent;
  }

  /** After a hit is classified: the earlier hits it relabels (a completed sweep); remembers it. */
  afterHit(hit: ClassifiableHit, verdict: Classification): LaterLabel[] {
    const recent = this.recent(hit.token);
    if (hit.kind === 'open') {
      recent.opens = pruned(recent.opens, (open) => open.hit.at, hit.at, SELF_VIEW_LOOKBACK_MS);
      recent.opens.push({ hit, label: verdict.label });
      return [];
    }
    if (hit.kind !== 'click') return [];
    recent.clicks = pruned(recent.clicks, (click) => click.at, hit.at, PRIOR_CLICK_LOOKBACK_MS);
    const relabels = sweepRelabels(hit, verdict, recent.clicks);
    const changed = new Set(relabels.map((relabel) => relabel.id));
    for (const click of recent.clicks) if (changed.has(click.id)) click.label = 'machine';
    recent.clicks.push({ id: hit.id, kind: 'click', label: verdict.label, at: hit.at, ip: hit.ip, linkIndex: hit.linkId ?? null });
    return relabels.map(({ id, label, reason }) => ({ id, label, reason }));
  }

  /**
   * After a self-view beacon is recorded: the opens it explains, re-judged by `judge` (the
   * classifier with the beacon known) as the server does for a registered email.
   */
  afterSelfView(view: { token: string; at: Date }, judge: (hit: ClassifiableHit) => Classification): LaterLabel[] {
    const recent = this.emails.get(view.token);
    if (!recent || !this.sent.has(view.token)) return [];
    const from = view.at.getTime() - CLIENT_CLOCK_SKEW_MS;
    const to = view.at.getTime() + SELF_VIEW_WINDOW_MS;
    return recent.opens.flatMap((open) => {
      const at = open.hit.at.getTime();
      if (open.label === 'self' || at < from || at > to) return [];
      const verdict = judge(open.hit);
      if (verdict.reason !== 'sender-self-view') return [];
      open.label = 'self';
      return [{ id: open.hit.id, label: verdict.label, reason: verdict.reason }];
    });
  }
}
