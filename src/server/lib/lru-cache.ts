// A bounded cache that forgets the least recently used entries first, approximately: two
// generations of Maps. Entries used since the young generation started live in it; when it is
// full it becomes the old one and the previous old generation is dropped. A hit is one Map.get
// (a strict LRU reorders a Map on every hit, a measurable cost when every tracking hit reads three
// of these). The store keeps what every hit needs in such caches, each invalidated by its writes.

export class LruCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  /** Holds at least `limit / 2` and at most `limit` entries once full. */
  constructor(limit: number) {
    this.generationSize = Math.max(1, Math.floor(limit / 2));
  }

  /** The value, or undefined on a miss (values are never undefined). */
  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) {
      this.old.delete(key);
      this.store(key, older);
    }
    return older;
  }

  /** Like get(), without counting as a use. */
  peek(key: K): V | undefined {
    const value = this.young.get(key);
    return value !== undefined ? value : this.old.get(key);
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    this.store(key, value);
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  private store(key: K, value: V): void {
    if (!this.young.has(key) && this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
