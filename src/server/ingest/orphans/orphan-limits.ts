// Whether a hit of a token nobody has registered (yet) may be stored. Such hits wait for the
// sender's registration (attach-orphans.ts), but a client can invent tokens without end: the
// bounds below limit what they cost. The answer (GIF, redirect) never depends on this.
// The per-token and total counts live in the store (store/orphan-hit-store.ts): every instance on
// one database checks and counts them in one atomic call, so several instances keep exactly the
// caps one would. The per-address rate stays in this process's memory (a token bucket per address):
// it only slows a flood from one address and is checked first, so such a flood costs no database
// round trip. Behind a load balancer that spreads one address over N instances, that address may
// store up to N times ORPHAN_HITS_PER_ADDRESS_PER_MINUTE; the per-token and total caps still hold.
import { TokenBuckets } from '../../lib/token-buckets.ts';
import type { Store } from '../../store/store.ts';
import type { OrphanLimitsConfig } from './orphan-limits-config.ts';

export class OrphanLimits {
  readonly config: OrphanLimitsConfig;
  readonly #store: Store;
  readonly #perAddress: TokenBuckets;

  constructor(store: Store, config: OrphanLimitsConfig) {
    this.#store = store;
    this.config = config;
    this.#perAddress = new TokenBuckets({ burst: config.perAddressPerMinute, perMinute: config.perAddressPerMinute });
  }

  /** True (and counted) when a hit of this unregistered token from this address may be stored. */
  async admit(token: string, ip: string, now: number): Promise<boolean> {
    if (this.#perAddress.take(ip, now) > 0) return false;
    return this.#store.admitOrphanHit(token, { perToken: this.config.perToken, total: this.config.total });
  }

  /** Deletes the hits of tokens unregistered past the window (and their counts); their number. */
  expire(now: number): Promise<number> {
    return this.#store.deleteOrphanHitsBefore(new Date(now - this.config.expiryMs));
  }
}
