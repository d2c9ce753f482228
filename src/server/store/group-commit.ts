// Group commit: writes are queued and committed together in one transaction (one fsync) per
// batch. Each caller's promise settles only after the transaction holding its item committed,
// so a hit is acknowledged only once durable. At most `maxInFlight` batches are in flight (two
// let one commit while the previous one's fsync runs); everything that arrives meanwhile forms
// the next batch, so batches grow with the load by themselves.
interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<T> {
  /** Largest batch handed to one transaction. */
  maxBatch: number;
  /** Groups queued items (e.g. by email token) for pendingFor(). */
  keyOf?: (item: T) => string;
  /** A promise while batches must wait (e.g. for a checkpoint to catch up), else null. */
  gate?: () => Promise<void> | null;
  /** Batches handed to `commit` before the oldest settled (default 1). */
  maxInFlight?: number;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private readonly pendingByKey = new Map<string, Set<T>>();
  private scheduled = false;
  private gated = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  /** `commit` writes all items in ONE transaction and returns one result per item, in order. */
  private readonly commit: (items: readonly T[]) => Promise<R[]>;
  private readonly options: GroupCommitOptions<T>;

  constructor(commit: (items: readonly T[]) => Promise<R[]>, options: GroupCommitOptions<T> = { maxBatch: 512 }) {
    this.commit = commit;
    this.options = options;
  }

  enqueue(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      const key = this.options.keyOf?.(item);
      if (key !== undefined) {
        const set = this.pendingByKey.get(key) ?? new Set<T>();
        set.add(item);
        this.pendingByKey.set(key, set);
      }
      if (this.inFlight < (this.options.maxInFlight ?? 1) && !this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after the I/O already read in this turn: concurrent hits share a batch.
        setImmediate(() => this.startBatch());
      }
    });
  }

  /** Items with this key that are queued or being committed (for read-your-writes checks). */
  pendingFor(key: string): readonly T[] {
    const set = this.pendingByKey.get(key);
    return set ? [...set] : [];
  }

  /** Resolves once everything enqueued so far is committed (or failed). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Commits what is queued and refuses further items. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private startBatch(): void {
    this.scheduled = false;
    if (this.gated || this.inFlight >= (this.options.maxInFlight ?? 1)) return;
    if (this.queue.length === 0) {
      if (this.inFlight === 0) this.settleIdle();
      return;
    }
    const wait = this.options.gate?.();
    if (wait) {
      this.gated = true;
      void wait.then(() => {
        this.gated = false;
        this.startBatch();
      });
      return;
    }
    const batch = this.queue.slice(0, this.options.maxBatch);
    this.queue = this.queue.slice(batch.length);
    this.inFlight++;
    void this.run(batch).then(() => {
      this.inFlight--;
      for (const entry of batch) this.forget(entry.item);
      this.startBatch();
    });
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index] as R));
    } catch {
      // One bad item must not fail its neighbours: retry each alone so only it is rejected.
      for (const entry of batch) {
        try {
          const [result] = await this.commit([entry.item]);
          entry.resolve(result as R);
        } catch (error) {
          entry.reject(error);
        }
      }
    }
  }

  private forget(item: T): void {
    const key = this.options.keyOf?.(item);
    if (key === undefined) return;
    const set = this.pendingByKey.get(key);
    set?.delete(item);
    if (set?.size === 0) this.pendingByKey.delete(key);
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
