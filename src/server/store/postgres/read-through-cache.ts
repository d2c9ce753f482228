// An LRU cache filled by reads that may overlap writes of the same key (PostgreSQL calls are
// async, unlike SQLite's): a read fills the cache only if no write of its key ended meanwhile,
// else it could store what the write replaced.
import { LruCache } from '../../lib/lru-cache.ts';

export interface ReadThroughCache<V> {
  read(key: string, load: () => Promise<V>): Promise<V>;
  /**
   * A write of the key ended: a read in flight no longer fills the cache. The cached value is
   * handed to `update` when given (which keeps it exact), else dropped.
   */
  written(key: string, update?: (cached: V) => void): void;
}

export function readThroughCache<V>(limit: number): ReadThroughCache<V> {
  const cache = new LruCache<string, V>(limit);
  // The newest read of each key in flight; a write takes its ticket away.
  const tickets = new Map<string, symbol>();
  return {
    async read(key, load) {
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const ticket = Symbol(key);
      tickets.set(key, ticket);
      try {
        const value = await load();
        if (tickets.get(key) === ticket) cache.set(key, value);
        return value;
      } finally {
        if (tickets.get(key) === ticket) tickets.delete(key);
      }
    },
    written(key, update) {
      tickets.delete(key);
      const cached = cache.peek(key);
      if (cached === undefined) return;
      if (update) update(cached);
      else cache.delete(key);
    },
  };
}
