// The scheduled deletion of hits whose token was not registered within the window
// (ORPHAN_HITS_EXPIRY_DAYS): once when the server starts, then hourly; stopped at shutdown.
import type { OrphanLimits } from './orphan-limits.ts';

const EVERY_MS = 60 * 60 * 1000;

interface Log {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export class OrphanExpiry {
  readonly #limits: OrphanLimits;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(limits: OrphanLimits) {
    this.#limits = limits;
  }

  start(log: Log, everyMs = EVERY_MS): void {
    const run = (): void => {
      if (this.#running) return;
      this.#running = this.#limits
        .expire(Date.now())
        .then((deleted) => {
          if (deleted > 0) log.info({ deleted }, 'deleted hits of tokens never registered');
        })
        .catch((error: unknown) => log.error({ err: error }, 'could not delete hits of tokens never registered'))
        .finally(() => (this.#running = undefined));
    };
    run();
    this.#timer = setInterval(run, everyMs);
    this.#timer.unref();
  }

  /** Stops the schedule and waits for a run in progress (the store closes next). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
