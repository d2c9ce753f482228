// The webhook subscription cache keeps the pixel's hot path free of queries: a team without
// webhooks is answered from memory, the subscriptions are read again only when they are older
// than their age limit or changed here, and only human events (or relabels) are candidates.
import { describe, expect, it } from 'vitest';
import { SubscriptionCache, toSubscriptionMap } from '../../src/server/store/subscription-cache.ts';

const event = (userId: string | null, kind: 'open' | 'reply' = 'open', label: 'human' | 'machine' = 'human') => ({ userId, kind, label });

describe('subscription cache', () => {
  it('answers thousands of hits with one read of the subscriptions', () => {
    let reads = 0;
    const cache = new SubscriptionCache(() => {
      reads++;
      return toSubscriptionMap([{ user_id: 'us_a', kinds: ',open,reply,' }]);
    }, 60_000);
    for (let index = 0; index < 10_000; index++) cache.mayWant(event(`us_other${index % 50}`));
    expect(reads).toBe(1);
    expect(cache.mayWant(event('us_a'))).toBe(true);
    expect(cache.mayWant(event('us_a', 'reply'))).toBe(true);
    expect(cache.mayWant(event('us_a', 'open', 'machine'))).toBe(false);
    expect(cache.mayWant(event('us_a', 'open', 'machine'), true)).toBe(true);
    expect(cache.mayWant(event('us_b'))).toBe(false);
    // An owner not known yet may be attached by the INSERT: a candidate while any webhook exists.
    expect(cache.mayWant(event(null))).toBe(true);
    expect(reads).toBe(1);
  });

  it('reads again after a change here, and when older than its age limit', async () => {
    let rows = [{ user_id: 'us_a', kinds: ',open,' }];
    let reads = 0;
    const cache = new SubscriptionCache(() => {
      reads++;
      return toSubscriptionMap(rows);
    }, 0);
    expect(cache.mayWant(event('us_b'))).toBe(false);
    rows = [{ user_id: 'us_b', kinds: ',open,' }];
    await cache.reload();
    expect(cache.mayWant(event('us_b'))).toBe(true);
    expect(reads).toBeGreaterThanOrEqual(2);
    const none = new SubscriptionCache(() => toSubscriptionMap([]), 60_000);
    expect(none.mayWant(event(null))).toBe(false);
  });

  it('tells listeners when deliveries may have been queued', () => {
    const cache = new SubscriptionCache(() => toSubscriptionMap([]), 60_000);
    let woken = 0;
    const stop = cache.onQueued(() => woken++);
    cache.queued();
    stop();
    cache.queued();
    expect(woken).toBe(1);
  });
});
