// Hits answered while the store cannot write (a full disk, a read-only database). The recipient
// already has the GIF or the redirect; the hit waits here, in arrival order and within a bound, and
// is written with its original time once the store takes writes again (retried with backoff, one at
// a time so order is kept). Memory only: a crash during the outage loses what is held here
// (docs/architecture.md says why). The outage is logged as one line when it starts, a summary at
// most once a minute while it lasts and one line when it ends, never a stack per hit.
import { ingestEvent, type HitInput } from '../ingest-event.ts';
import type { IngestDeps } from '../ingest-deps.ts';
import { isStoreUnavailable } from './store-unavailable.ts';

export interface OutageLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 5_000;
const SUMMARY_EVERY_MS = 60_000;

interface HeldHit {
  input: HitInput;
  at: Date;
}

export class HeldHits {
  /** Where outage lines go; the running server sets its logger. */
  log: OutageLog | undefined;
  private readonly deps: IngestDeps;
  private readonly max: number;
  private queue: HeldHit[] = [];
  private kept = 0;
  private written = 0;
  private dropped = 0;
  private startedAt = 0;
  private lastSummaryAt = 0;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private stopped = false;
  private emptyWaiters: (() => void)[] = [];

  constructor(deps: IngestDeps, max: number) {
    this.deps = deps;
    this.max = max;
  }

  /** True while earlier hits wait: a new hit queues behind them instead of overtaking them. */
  get holding(): boolean {
    return this.queue.length > 0 || this.draining;
  }

  /**
   * Records a hit, or holds it when the store is unavailable or earlier hits are held. Any other
   * error (a bug, bad data) is thrown to the route as before: a queue must not hide it.
   */
  async record(input: HitInput): Promise<void> {
    if (this.holding) return this.hold(input, this.deps.now?.() ?? new Date());
    // The normal path is ingestEvent() as it was; a refused hit keeps the time it arrived.
    const at = this.deps.now?.() ?? new Date();
    try {
      await ingestEvent(this.deps, input);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      this.hold(input, at, error);
    }
  }

  /** Holds a hit the store refused (or one arriving while others are held). */
  hold(input: HitInput, at: Date, error?: unknown): void {
    if (!this.holding && this.kept + this.dropped === 0) {
      this.startedAt = Date.now();
      this.lastSummaryAt = this.startedAt;
      this.log?.warn({ err: error, heldMax: this.max }, 'the store cannot write: hits are answered and held in memory until it can');
    }
    if (this.queue.length >= this.max) {
      this.dropped++;
    } else {
      this.queue.push({ input, at });
      this.kept++;
    }
    this.schedule();
  }

  /** Resolves once nothing is held: every held hit written or dropped. */
  whenEmpty(): Promise<void> {
    if (!this.holding) return Promise.resolve();
    return new Promise((resolve) => this.emptyWaiters.push(resolve));
  }

  /** Stops retrying after one last attempt; what is still held then is lost, and said so. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length > 0 && !this.draining) await this.drain();
    if (this.queue.length > 0)
      this.log?.warn({ lost: this.queue.length, dropped: this.dropped }, 'stopped with hits still held: they are lost');
  }

  private schedule(): void {
    if (this.timer || this.draining || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.retryMs);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let next = this.queue[0]; next; next = this.queue[0]) {
        try {
          await ingestEvent({ ...this.deps, now: () => next.at }, next.input);
          this.written++;
        } catch (error) {
          if (isStoreUnavailable(error)) throw error;
          // A hit the store rejects for another reason would block the queue forever: log it, skip it.
          this.log?.warn({ err: error }, 'a held hit could not be written and is dropped');
          this.dropped++;
        }
        this.queue.shift();
        this.retryMs = FIRST_RETRY_MS;
      }
    } catch (error) {
      this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
      this.summarise(error);
    } finally {
      this.draining = false;
    }
    if (this.queue.length > 0) this.schedule();
    else this.ended();
  }

  private summarise(error: unknown): void {
    const now = Date.now();
    if (now - this.lastSummaryAt < SUMMARY_EVERY_MS) return;
    this.lastSummaryAt = now;
    const detail = error instanceof Error ? error.message : String(error);
    this.log?.warn(
      { held: this.queue.length, dropped: this.dropped, sinceMs: now - this.startedAt, detail },
      'the store still cannot write',
    );
  }

  private ended(): void {
    const counts = { kept: this.kept, written: this.written, dropped: this.dropped, outageMs: Date.now() - this.startedAt };
    this.log?.info(counts, 'the store writes again: held hits written');
    this.kept = 0;
    this.written = 0;
    this.dropped = 0;
    const waiters = this.emptyWaiters;
    this.emptyWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
