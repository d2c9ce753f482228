// Long-running work split across server instances by leases in the database (store/lease-store.ts):
// each piece (a mailbox's watcher) runs in the one instance holding its lease. Every third of the
// lease, each instance lists the pieces that exist, claims the free or run-out ones and renews its
// own, starts what it newly holds, stops what it lost or what no longer exists, and restarts a
// piece whose lease was taken again in between (a new generation: someone asked for a restart, or
// it ran out while this instance was stalled). A killed instance's pieces are taken by another
// within a lease; a stopped one releases them first, so they move at the others' next round.
import { KeyedQueue } from '../lib/keyed-queue.ts';
import type { LeaseStore } from '../store/lease-store.ts';

export interface LeasedWorkLog {
  error(details: object, message: string): void;
}

export interface LeasedWorkOptions {
  store: LeaseStore;
  /** Unique to this process. */
  holder: string;
  /** Lease names are `${prefix}${key}`. */
  prefix: string;
  leaseMs: number;
  /** The keys of every piece that exists now. */
  list(): Promise<string[]>;
  start(key: string): Promise<void>;
  stop(key: string): Promise<void>;
  now?: () => Date;
}

export class LeasedWork {
  readonly #options: LeasedWorkOptions;
  /** Running here: key -> the generation of the lease it started under. */
  readonly #running = new Map<string, number>();
  readonly #changes = new KeyedQueue();
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | null = null;
  #closed = false;

  constructor(options: LeasedWorkOptions) {
    this.#options = options;
  }

  /** Runs a first round now, then one every third of the lease. */
  async start(log: LeasedWorkLog): Promise<void> {
    await this.round();
    this.#timer = setInterval(() => {
      this.round().catch((error: unknown) => log.error({ err: error }, 'work leases: a round failed; the next one tries again'));
    }, this.#options.leaseMs / 3);
    this.#timer.unref();
  }

  /** One round of claims (also what a test calls to move work at once). */
  round(): Promise<void> {
    this.#round ??= this.#claimAndApply().finally(() => {
      this.#round = null;
    });
    return this.#round;
  }

  get runningKeys(): string[] {
    return [...this.#running.keys()];
  }

  /**
   * The piece must start again (its settings changed): here if it runs here or its lease is free,
   * else its lease is ended so that whoever takes it next (its holder, at its next round) starts it
   * afresh.
   */
  restart(key: string): Promise<void> {
    return this.#changes.run(key, async () => {
      if (this.#closed) return;
      if (this.#running.has(key)) {
        await this.#options.stop(key);
        await this.#options.start(key);
        return;
      }
      const [held] = await this.#options.store.claimLeases([this.#name(key)], this.#options.holder, this.#now(), this.#options.leaseMs);
      if (held) return this.#startHere(key, held.generation);
      await this.#options.store.expireLeases([this.#name(key)]);
    });
  }

  /** The piece no longer exists (or must stop): stopped here and its lease released. */
  stop(key: string): Promise<void> {
    return this.#changes.run(key, () => this.#stopHere(key));
  }

  /** Stops everything running here and releases the leases. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#round?.catch(() => undefined);
    await Promise.all(this.runningKeys.map((key) => this.stop(key)));
    await this.#changes.settled();
  }

  async #claimAndApply(): Promise<void> {
    if (this.#closed) return;
    const keys = await this.#options.list();
    const held = await this.#options.store.claimLeases(
      keys.map((key) => this.#name(key)),
      this.#options.holder,
      this.#now(),
      this.#options.leaseMs,
    );
    const generations = new Map(held.map((lease) => [lease.name.slice(this.#options.prefix.length), lease.generation]));
    const changes: Promise<void>[] = [];
    for (const key of this.runningKeys) {
      if (!generations.has(key)) changes.push(this.#changes.run(key, () => this.#stopHere(key)));
    }
    for (const [key, generation] of generations) {
      const current = this.#running.get(key);
      if (current === generation) continue;
      changes.push(
        this.#changes.run(key, async () => {
          if (this.#closed) return;
          if (this.#running.has(key)) await this.#options.stop(key);
          this.#running.delete(key);
          await this.#startHere(key, generation);
        }),
      );
    }
    await Promise.all(changes);
  }

  async #startHere(key: string, generation: number): Promise<void> {
    if (this.#closed) return;
    this.#running.set(key, generation);
    await this.#options.start(key);
  }

  async #stopHere(key: string): Promise<void> {
    const wasRunning = this.#running.delete(key);
    if (wasRunning) await this.#options.stop(key);
    await this.#options.store.releaseLeases([this.#name(key)], this.#options.holder);
  }

  #name(key: string): string {
    return `${this.#options.prefix}${key}`;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}
