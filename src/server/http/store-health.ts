// Whether the store answers a trivial query in time. A database that is down fails fast
// (connection refused); one that hangs (a frozen host, a full connection pool) must not hold the
// health check of nginx or systemd beyond their own timeout, so the wait is bounded here.
import type { Store } from '../store/store.ts';

/** How long /healthz waits for the store before it calls it unavailable. */
export const STORE_PING_TIMEOUT_MS = 2000;

export async function storeAnswers(store: Store, timeoutMs = STORE_PING_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([store.ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
