// Group commit: writes are queued and committed together in one transaction (one fsync) per
// batch. Each caller's promise settles only after the transaction holding its item committed,
// so a hit is acknowledged only once durable, while throughput stays that of batched writes.
interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** A batch this large is committed at once instead of waiting for the next turn. */
  maxBatch: number;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;
  private closed = false;

  /** `commit` writes all items in ONE transaction and returns one result per item, in order. */
  constructor(
    private readonly commit: (items: readonly T[]) => R[],
    private readonly options: GroupCommitOptions = { maxBatch: 512 },
  ) {}

  enqueue(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after the I/O already read in this turn: concurrent hits share a batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Items queued and not yet committed (for read-your-writes checks). */
  pendingItems(): T[] {
    return this.queue.map((entry) => entry.item);
  }

  /** Commits everything queued now (synchronously). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      const results = this.commit(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index] as R));
    } catch {
      // One bad item must not fail its neighbours: retry each alone so only it is rejected.
      for (const entry of batch) {
        try {
          const [result] = this.commit([entry.item]);
          entry.resolve(result as R);
        } catch (error) {
          entry.reject(error);
        }
      }
    }
  }

  /** Commits what is queued and refuses further items. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
