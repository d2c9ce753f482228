// Whether a hit of a token nobody has registered (yet) may be stored. Such hits wait for the
// sender's registration (attach-orphans.ts), but a client can invent tokens without end: the
// counts below bound what they cost. The answer (GIF, redirect) never depends on this.
// Counts live in memory, read from the store once (the total at start, a token when first seen)
// and kept by this process's own writes, attachments and expiry; one server per database.
import { LruCache } from '../../lib/lru-cache.ts';
import { TokenBuckets } from '../../lib/token-buckets.ts';
import type { Store } from '../../store/store.ts';
import type { OrphanLimitsConfig } from './orphan-limits-config.ts';

const COUNTED_TOKENS = 50_000;

export class OrphanLimits {
  readonly config: OrphanLimitsConfig;
  readonly #store: Store;
  readonly #perAddress: TokenBuckets;
  #perToken = new LruCache<string, number>(COUNTED_TOKENS);
  #total: number | undefined;

  constructor(store: Store, config: OrphanLimitsConfig) {
    this.#store = store;
    this.config = config;
    this.#perAddress = new TokenBuckets({ burst: config.perAddressPerMinute, perMinute: config.perAddressPerMinute });
  }

  /** True (and counted) when a hit of this unregistered token from this address may be stored. */
  async admit(token: string, ip: string, now: number): Promise<boolean> {
    this.#total ??= await this.#store.countOrphanHits();
    if (this.#total >= this.config.total) return false;
    let count = this.#perToken.get(token);
    if (count === undefined) count = await this.#store.countOrphanHits(token);
    if (count >= this.config.perToken) {
      this.#perToken.set(token, count);
      return false;
    }
    if (this.#perAddress.take(ip, now) > 0) return false;
    this.#perToken.set(token, count + 1);
    this.#total += 1;
    return true;
  }

  /** The token's hits now have an owner: they no longer count. */
  attached(token: string, hits: number): void {
    this.#perToken.delete(token);
    if (this.#total !== undefined) this.#total = Math.max(0, this.#total - hits);
  }

  /** Deletes the hits of tokens unregistered past the window; their number. */
  async expire(now: number): Promise<number> {
    const deleted = await this.#store.deleteOrphanHitsBefore(new Date(now - this.config.expiryMs));
    if (deleted > 0) {
      // Which tokens lost hits is not known: counts are read again as tokens come back.
      this.#perToken = new LruCache<string, number>(COUNTED_TOKENS);
      this.#total = undefined;
    }
    return deleted;
  }
}
