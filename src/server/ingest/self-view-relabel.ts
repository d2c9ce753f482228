// Later evidence from a self-view beacon. The rep's view of their own sent message makes Gmail
// fetch the pixel through its proxy; the extension's beacon and that fetch race, and the beacon
// may land up to CLIENT_CLOCK_SKEW_MS after the fetch (rules/sender-self-view.ts). A fetch judged
// before its beacon arrived came out human (or gmail-proxy-at-send): re-judged with the beacon
// known, it is the rep's own view and is relabelled self (the feed then retracts it).
import { CLIENT_CLOCK_SKEW_MS, SELF_VIEW_LOOKBACK_MS, SELF_VIEW_WINDOW_MS } from '../../shared/tracking-config.ts';
import type { EmailRecord, EventRelabel, SelfView, StoredEvent } from '../store/store.ts';
import type { ClassifiableHit } from './classify-types.ts';
import { classifyWithHistory } from './hit-history.ts';
import type { IngestDeps } from './ingest-deps.ts';

/** A stored open as the classifier's input. */
function openHit(event: StoredEvent): ClassifiableHit {
  return {
    id: event.id,
    kind: 'open',
    token: event.emailToken,
    at: event.at,
    ip: event.ip ?? '',
    userAgent: event.userAgent ?? '',
    ...(event.deviceId ? { deviceId: event.deviceId } : {}),
  };
}

/** The owner's opens that the classifier now calls sender-self-view. Pure. */
export function selfViewRelabels(
  opens: readonly StoredEvent[],
  known: { email: EmailRecord; ownerDevices: readonly string[]; selfViews: readonly SelfView[] },
): EventRelabel[] {
  const { email, ownerDevices, selfViews } = known;
  return opens.flatMap((open) => {
    if (open.kind !== 'open' || open.userId !== email.userId || open.label === 'self') return [];
    const facts = { email, ownerId: email.userId, ownerDevices, selfViews, priorClicks: [], lastHumanOpenAt: null };
    const verdict = classifyWithHistory(openHit(open), facts);
    if (verdict.reason !== 'sender-self-view') return [];
    return [{ id: open.id, label: 'self' as const, reason: 'sender-self-view' as const, repeat: false }];
  });
}

/**
 * After `view` is stored: relabels the opens of the owner's email it explains, durably, and wakes
 * the owner's feed. Another user's beacon for the token changes nothing.
 */
export async function relabelSelfViewedOpens(deps: IngestDeps, token: string, view: SelfView): Promise<StoredEvent[]> {
  const { store, hub } = deps;
  const email = await store.getEmail(token);
  if (!email || email.userId !== view.userId) return [];
  // An open judged before the beacon was stored may still wait in the group commit.
  await store.flush();
  const from = new Date(view.at.getTime() - CLIENT_CLOCK_SKEW_MS);
  const opens = await store.listOpensBetween(token, from, new Date(view.at.getTime() + SELF_VIEW_WINDOW_MS));
  if (opens.length === 0) return [];
  const [ownerDevices, selfViews] = await Promise.all([
    store.listDeviceIds(email.userId),
    store.listSelfViews(token, email.userId, new Date(from.getTime() - SELF_VIEW_LOOKBACK_MS)),
  ]);
  const changed = await store.relabelEvents(email.userId, selfViewRelabels(opens, { email, ownerDevices, selfViews }));
  if (changed.length > 0) hub.notify(email.userId);
  return changed;
}
