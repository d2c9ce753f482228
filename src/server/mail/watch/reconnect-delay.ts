// How long a watcher waits before connecting again: exponential backoff with jitter, so a
// mail server that drops every connection at once is not met by all of them coming back at once.

export interface ReconnectPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

/** The wait before retry `attempt` (0 = the first): between half and all of base * 2^attempt, capped. */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
