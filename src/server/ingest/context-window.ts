// Which earlier facts of an email (self views, clicks) belong in a hit's classification context.
// One rule for both context builders, the server's (hit-history.ts, over the store) and
// `glint classify`'s (classification-state.ts, over its input stream), so the two agree on the
// same input: the lookback before the hit, plus the tolerated client clock skew after it (a
// self-view beacon and the proxy fetch of the same view race each other).
import { CLIENT_CLOCK_SKEW_MS } from '../../shared/tracking-config.ts';

/** Entries within `lookbackMs` before `at`, or at most CLIENT_CLOCK_SKEW_MS after it. */
export function aroundHit<T extends { at: Date }>(entries: readonly T[], at: Date, lookbackMs: number): T[] {
  const time = at.getTime();
  return entries.filter((e) => e.at.getTime() >= time - lookbackMs && e.at.getTime() <= time + CLIENT_CLOCK_SKEW_MS);
}
