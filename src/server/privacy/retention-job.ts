// The scheduled purge of each team's events and document visits past its retention period. With
// several server instances on one database it runs in one of them per interval: each instance
// looks every `checkMs` (WORK_LEASE_S) and runs it only if it can take the lease `job:retention`,
// which is then held for the whole interval, so a killed instance's turn passes to another
// within a check after its interval. One run at a time; close() stops the timer, waits for a run
// in progress and gives the lease back, so the store is never closed under it at shutdown.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { PurgeCounts, Store } from '../store/store.ts';

const LEASE = 'job:retention';
const NOTHING: PurgeCounts = { events: 0, documentVisits: 0 };

export interface RetentionJob {
  /** Runs a purge in this instance now, whatever the lease; resolves with what it deleted. */
  runNow(): Promise<PurgeCounts>;
  close(): Promise<void>;
}

export function startRetentionJob(store: Store, intervalMs: number, log: FastifyBaseLogger, checkMs = intervalMs): RetentionJob {
  let running: Promise<PurgeCounts> | null = null;
  let closed = false;
  /** The holder name of the lease this instance took last (a fresh one per taking). */
  let heldAs: string | null = null;

  const run = (): Promise<PurgeCounts> => {
    running ??= store
      .purgeExpired(new Date())
      .then((counts) => {
        if (counts.events > 0 || counts.documentVisits > 0) log.info(counts, 'retention: deleted expired events and document visits');
        return counts;
      })
      .catch((error: unknown) => {
        // The next run tries again; the error is logged once per run, not thrown into the server.
        log.error({ err: error }, 'retention: purge failed');
        return NOTHING;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  // A fresh holder name each time: even this instance gets the lease again only once it ran out.
  const runIfDue = async (): Promise<void> => {
    if (closed || running) return;
    const holder = `retention-${randomBytes(9).toString('base64url')}`;
    try {
      const [taken] = await store.claimLeases([LEASE], holder, new Date(), intervalMs);
      if (!taken || closed) return;
      heldAs = holder;
    } catch (error) {
      log.error({ err: error }, 'retention: could not claim the run; the next check tries again');
      return;
    }
    await run();
  };

  const timer = setInterval(() => void runIfDue(), Math.min(intervalMs, checkMs));
  timer.unref();
  const first = runIfDue();

  return {
    runNow: () => (closed ? Promise.resolve(NOTHING) : run()),
    async close() {
      closed = true;
      clearInterval(timer);
      await first;
      await running;
      if (heldAs) await store.releaseLeases([LEASE], heldAs).catch(() => undefined);
    },
  };
}
