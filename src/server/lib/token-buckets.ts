// In-memory token buckets, one per key (e.g. link token + network): a burst, then a steady refill.
// Memory stays bounded: the map is kept in least-recently-used order and the oldest keys go first
// when it is full (a forgotten key starts again with a full bucket, which only errs on allowing).
// One process only; a restart forgets every bucket, which is fine for abuse limits.

/** A burst of `burst` requests, then `perMinute` more each minute. */
export interface BucketLimit {
  burst: number;
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  private readonly limit: BucketLimit;
  private readonly maxKeys: number;

  constructor(limit: BucketLimit, maxKeys = 50_000) {
    this.limit = limit;
    this.maxKeys = maxKeys;
    if (limit.burst < 1 || limit.perMinute <= 0) throw new Error('a rate limit needs burst >= 1 and perMinute > 0');
    this.refillPerMs = limit.perMinute / 60_000;
  }

  /** Takes one token for `key`: 0 when allowed, else the milliseconds until one is back. */
  take(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    const elapsed = bucket ? Math.max(0, now - bucket.at) : 0;
    const tokens = bucket ? Math.min(this.limit.burst, bucket.tokens + elapsed * this.refillPerMs) : this.limit.burst;
    const allowed = tokens >= 1;
    // Re-inserting moves the key to the end: the map's first key is the least recently used.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) break;
      this.buckets.delete(oldest.value);
    }
    return allowed ? 0 : Math.ceil((1 - tokens) / this.refillPerMs);
  }

  get size(): number {
    return this.buckets.size;
  }
}
