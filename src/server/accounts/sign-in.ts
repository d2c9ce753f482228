// Password sign-in. Failures take the same time whether or not the email exists (a dummy hash is
// verified), and repeated failures per address and per IP are throttled.
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password.ts';
import type { Store, UserAccount } from '../store/store.ts';

export async function checkPassword(store: Store, email: string, password: string): Promise<UserAccount | null> {
  const credentials = await store.findUserCredentials(email);
  const ok = await verifyPassword(password, credentials?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!credentials || !ok) return null;
  const { passwordHash: _hidden, ...user } = credentials;
  return user;
}

/**
 * Fixed-window failure counter: at most `limit` failures per key and window. Past `maxKeys` keys,
 * ended windows are forgotten first, then the oldest windows: a flood of new keys never wipes the
 * count of the address under attack (each failure costs a password hash, so live windows cannot
 * outnumber the bound by much).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(limit = 10, windowMs = 60_000, maxKeys = 50_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  isBlocked(key: string, now = Date.now()): boolean {
    return this.blockedForMs(key, now) > 0;
  }

  /** How long the key stays blocked (0 when it is not): what a 429's Retry-After says. */
  blockedForMs(key: string, now = Date.now()): number {
    const entry = this.failures.get(key);
    return entry !== undefined && entry.count >= this.limit ? Math.max(0, entry.resetAt - now) : 0;
  }

  recordFailure(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (entry && entry.resetAt > now) {
      entry.count += 1;
      return;
    }
    // A new window goes to the end: the map stays in the order windows opened.
    this.failures.delete(key);
    this.failures.set(key, { count: 1, resetAt: now + this.windowMs });
    if (this.failures.size > this.maxKeys) this.forget(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private forget(now: number): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) return;
      this.failures.delete(key);
    }
  }
}
