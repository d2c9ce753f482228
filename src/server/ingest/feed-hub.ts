// Wakes long-polling feed requests when one of their user's events is committed. With several
// server instances, relays (cluster/feed-relay.ts) pass each wake-up to the other instances and
// wake this one's readers for theirs.
export type WaitOutcome = 'event' | 'timeout' | 'closed';

export class FeedHub {
  private readonly waiters = new Map<string, Set<(outcome: WaitOutcome) => void>>();
  private readonly relays = new Set<(userId: string) => void>();
  private closed = false;

  /** Resolves on the user's next event, after `ms`, on abort (as timeout) or on close. */
  wait(userId: string, ms: number, signal?: AbortSignal): Promise<WaitOutcome> {
    if (this.closed) return Promise.resolve('closed');
    if (signal?.aborted) return Promise.resolve('timeout');
    return new Promise((resolve) => {
      const set = this.waiters.get(userId) ?? new Set();
      this.waiters.set(userId, set);
      const finish = (outcome: WaitOutcome): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        set.delete(finish);
        if (set.size === 0 && this.waiters.get(userId) === set) this.waiters.delete(userId);
        resolve(outcome);
      };
      const onAbort = (): void => finish('timeout');
      const timer = setTimeout(() => finish('timeout'), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      set.add(finish);
    });
  }

  /** A user's event was committed here: wakes this instance's readers and tells the relays. */
  notify(userId: string): void {
    this.wakeLocal(userId);
    for (const relay of this.relays) relay(userId);
  }

  /** A user's event was committed by another instance: wakes this instance's readers only. */
  wakeLocal(userId: string): void {
    const set = this.waiters.get(userId);
    if (set) for (const finish of [...set]) finish('event');
  }

  /** Wakes every reader (they read again): wake-ups from other instances may have been missed. */
  wakeEveryone(): void {
    for (const userId of [...this.waiters.keys()]) this.wakeLocal(userId);
  }

  /** Calls `relay` with every user notify() is called for; returns its removal. */
  addRelay(relay: (userId: string) => void): () => void {
    this.relays.add(relay);
    return () => this.relays.delete(relay);
  }

  /** Releases every waiter (server shutdown) and refuses new ones. */
  close(): void {
    this.closed = true;
    for (const set of [...this.waiters.values()]) for (const finish of [...set]) finish('closed');
  }

  get isClosed(): boolean {
    return this.closed;
  }

  waiterCount(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }
}
