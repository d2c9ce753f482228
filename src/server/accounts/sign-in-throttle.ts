// Sign-in throttling with growing delays. Each key (an account, a client network, a device) gets a
// few failures free; from then on each failure blocks the key for twice as long as the one before,
// up to a cap. Nothing locks for good: a key's count is forgotten after a quiet spell, and
// a blocked key's attempts are refused before any password is checked (so they count nothing).
// Past `maxKeys` keys, quiet keys are forgotten first, then the oldest: a flood of new keys never
// wipes the count of the key under attack (each counted failure costs a password hash).

export interface ThrottleLimits {
  /** The failure that starts the first delay (the ones before it are free). */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key without a failure for this long starts again from zero. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly limits: ThrottleLimits;
  private readonly maxKeys: number;

  constructor(limits: ThrottleLimits, maxKeys = 50_000) {
    this.limits = limits;
    this.maxKeys = maxKeys;
  }

  /** How long the key stays blocked (0 when it is not): what a 429's Retry-After says. */
  blockedForMs(key: string, now = Date.now()): number {
    const entry = this.entries.get(key);
    return entry === undefined ? 0 : Math.max(0, entry.blockedUntil - now);
  }

  recordFailure(key: string, now = Date.now()): void {
    const { freeFailures, firstDelayMs, maxDelayMs, forgetAfterMs } = this.limits;
    const previous = this.entries.get(key);
    const failures = previous && now - previous.lastFailureAt < forgetAfterMs ? previous.failures + 1 : 1;
    const excess = failures - freeFailures;
    const delay = excess < 0 ? 0 : Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(excess, 30));
    // Re-inserting moves the key to the end: the map stays in the order of last failures.
    this.entries.delete(key);
    this.entries.set(key, { failures, lastFailureAt: now, blockedUntil: now + delay });
    if (this.entries.size > this.maxKeys) this.forget(now);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private forget(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailureAt >= this.limits.forgetAfterMs && entry.blockedUntil <= now) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) return;
      this.entries.delete(key);
    }
  }
}

const QUARTER_HOUR_MS = 15 * 60_000;
const HOUR_MS = 60 * 60_000;

/** A client network may mistype more than one account owner does; neither waits more than 15 minutes. */
export const SIGN_IN_LIMITS: Readonly<Record<'address' | 'account', ThrottleLimits>> = {
  address: { freeFailures: 10, firstDelayMs: 1_000, maxDelayMs: QUARTER_HOUR_MS, forgetAfterMs: HOUR_MS },
  account: { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: QUARTER_HOUR_MS, forgetAfterMs: HOUR_MS },
};

/** Who is signing in: the account, the client's network key, and the device if it is one of the account's. */
export interface SignInAttempt {
  email: string;
  network: string;
  knownDevice: string | undefined;
}

/**
 * Per account and per client network; a device already registered to the account is throttled on
 * its own instead, so strangers failing on the account (from anywhere) never lock the rep's own
 * browser out, and a leaked device id still guesses slowly.
 */
export class SignInThrottles {
  private readonly byAddress: SignInThrottle;
  private readonly byAccount: SignInThrottle;

  constructor(limits = SIGN_IN_LIMITS) {
    this.byAddress = new SignInThrottle(limits.address);
    this.byAccount = new SignInThrottle(limits.account);
  }

  blockedForMs(attempt: SignInAttempt, now = Date.now()): number {
    return Math.max(...this.keysOf(attempt).map(([throttle, key]) => throttle.blockedForMs(key, now)));
  }

  recordFailure(attempt: SignInAttempt, now = Date.now()): void {
    for (const [throttle, key] of this.keysOf(attempt)) throttle.recordFailure(key, now);
  }

  /** The account's (or the device's) count starts again; the network's does not, or signing in to one's own account would reset it. */
  recordSuccess(attempt: SignInAttempt): void {
    this.byAccount.reset(this.accountKey(attempt));
  }

  private accountKey(attempt: SignInAttempt): string {
    return attempt.knownDevice === undefined ? `email:${attempt.email}` : `device:${attempt.knownDevice}`;
  }

  private keysOf(attempt: SignInAttempt): Array<[SignInThrottle, string]> {
    const account: [SignInThrottle, string] = [this.byAccount, this.accountKey(attempt)];
    return attempt.knownDevice === undefined ? [account, [this.byAddress, `ip:${attempt.network}`]] : [account];
  }
}
