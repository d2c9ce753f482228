// A periodic job that must run once per interval across every server instance on one database
// (the retention purge, the orphan-hit expiry). Each instance looks every `checkMs` (WORK_LEASE_S)
// and runs the job only if it can take the job's lease, which it then holds for the whole interval:
// the others find it held and skip. A killed instance's turn passes to another within a check
// after its interval; a closed one gives the lease back, so the next check anywhere may run it.
// Each taking uses a fresh holder name, so even this instance takes it again only once it ran out.
import { randomBytes } from 'node:crypto';
import type { LeaseStore } from '../store/lease-store.ts';

export interface LeasedIntervalLog {
  debug(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface LeasedIntervalOptions {
  store: LeaseStore;
  /** The lease's name, e.g. `job:retention`. */
  lease: string;
  /** At most one run per this, across all instances. */
  intervalMs: number;
  /** How often each instance looks whether a run is due (capped at intervalMs). */
  checkMs: number;
  /** The job; its failures are its own to log (a rejection is logged here too). */
  run(): Promise<void>;
  log: LeasedIntervalLog;
  now?: () => Date;
}

export interface LeasedInterval {
  /** Looks now (or joins the look in progress): true when this instance took the turn and ran it. */
  check(): Promise<boolean>;
  /** Stops looking, waits for a run in progress and gives the lease back. */
  close(): Promise<void>;
}

export function startLeasedInterval(options: LeasedIntervalOptions): LeasedInterval {
  const { store, lease, log } = options;
  const now = options.now ?? ((): Date => new Date());
  let checking: Promise<boolean> | null = null;
  let closed = false;
  /** The holder name of the lease this instance took last. */
  let heldAs: string | null = null;

  const claimAndRun = async (): Promise<boolean> => {
    if (closed) return false;
    const holder = `${lease}-${randomBytes(9).toString('base64url')}`;
    try {
      const [taken] = await store.claimLeases([lease], holder, now(), options.intervalMs);
      if (!taken) {
        log.debug({ lease }, 'another instance has this turn');
        return false;
      }
      if (closed) {
        await store.releaseLeases([lease], holder);
        return false;
      }
      heldAs = holder;
    } catch (error) {
      log.error({ err: error, lease }, 'could not claim the turn; the next check tries again');
      return false;
    }
    await options.run().catch((error: unknown) => log.error({ err: error, lease }, 'the run failed; the next turn tries again'));
    return true;
  };

  const check = (): Promise<boolean> => {
    checking ??= claimAndRun().finally(() => {
      checking = null;
    });
    return checking;
  };

  const timer = setInterval(() => void check(), Math.min(options.intervalMs, options.checkMs));
  timer.unref();
  void check();

  return {
    check,
    async close() {
      closed = true;
      clearInterval(timer);
      await checking;
      if (heldAs) await store.releaseLeases([lease], heldAs).catch(() => undefined);
      heldAs = null;
    },
  };
}
