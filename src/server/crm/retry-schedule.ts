// When a failed delivery is tried again: exponential backoff (base, 2x base, 4x base ... up to a
// ceiling) with jitter (a random point in the upper half of the step, so receivers that recover
// are not hit by every sender at once), until the delivery is older than the give-up age.
export interface RetryPolicy {
  baseMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
}

/** The next attempt's time, or null when the delivery should be marked failed. */
export function nextAttemptAt(
  policy: RetryPolicy,
  attempts: number,
  createdAt: Date,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const step = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const delay = step / 2 + random() * (step / 2);
  const at = now.getTime() + delay;
  if (at - createdAt.getTime() > policy.giveUpAfterMs) return null;
  return new Date(at);
}
