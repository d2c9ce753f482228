// The scheduled deletion of hits whose token was not registered within the window
// (ORPHAN_HITS_EXPIRY_DAYS): hourly, in one server instance per hour across all instances on one
// database (the lease `job:orphan-expiry`, cluster/leased-interval.ts, looked at every checkMs:
// WORK_LEASE_S), the first turn when the servers start; stopped at shutdown.
import { startLeasedInterval, type LeasedInterval } from '../../cluster/leased-interval.ts';
import type { LeaseStore } from '../../store/lease-store.ts';
import type { OrphanLimits } from './orphan-limits.ts';

const EVERY_MS = 60 * 60 * 1000;
const LEASE = 'job:orphan-expiry';

interface Log {
  info(details: object, message: string): void;
  debug(details: object, message: string): void;
  error(details: object, message: string): void;
}

export class OrphanExpiry {
  readonly #limits: OrphanLimits;
  readonly #leases: LeaseStore;
  #turns: LeasedInterval | undefined;

  constructor(limits: OrphanLimits, leases: LeaseStore) {
    this.#limits = limits;
    this.#leases = leases;
  }

  /** `checkMs`: how often this instance looks whether the turn is free (WORK_LEASE_S). */
  start(log: Log, checkMs: number): void {
    this.#turns = startLeasedInterval({
      store: this.#leases,
      lease: LEASE,
      intervalMs: EVERY_MS,
      checkMs,
      log,
      run: async () => {
        try {
          const deleted = await this.#limits.expire(Date.now());
          if (deleted > 0) log.info({ deleted }, 'deleted hits of tokens never registered');
        } catch (error) {
          log.error({ err: error }, 'could not delete hits of tokens never registered');
        }
      },
    });
  }

  /** Stops the schedule, waits for a run in progress and gives the lease back (the store closes next). */
  async close(): Promise<void> {
    await this.#turns?.close();
    this.#turns = undefined;
  }
}
