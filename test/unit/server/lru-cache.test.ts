// The bounded cache behind the store's per-hit reads: keeps what is used, forgets what is not.
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../src/server/lib/lru-cache.ts';

describe('LruCache', () => {
  it('keeps recently used entries and drops the ones unused longest', () => {
    const cache = new LruCache<string, number>(4);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ] as const)
      cache.set(key, value);
    expect(cache.get('a')).toBe(1);
    cache.set('e', 5);
    cache.set('f', 6);
    expect(cache.get('a')).toBe(1);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('f')).toBe(6);
  });

  it('stores null as a value (a known absence) and forgets deleted keys', () => {
    const cache = new LruCache<string, number | null>(10);
    cache.set('unknown', null);
    expect(cache.get('unknown')).toBeNull();
    expect(cache.peek('unknown')).toBeNull();
    cache.delete('unknown');
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('never holds more than its limit', () => {
    const cache = new LruCache<number, number>(100);
    for (let index = 0; index < 10_000; index++) cache.set(index, index);
    const kept = Array.from({ length: 10_000 }, (_, index) => cache.peek(index)).filter((value) => value !== undefined);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.length).toBeGreaterThanOrEqual(50);
    expect(cache.peek(9_999)).toBe(9_999);
  });
});
