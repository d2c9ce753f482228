// The scheduled purge of each team's events and document visits past its retention period. With
// several server instances on one database it runs in one of them per interval: the turn is
// claimed with the lease `job:retention` (cluster/leased-interval.ts), looked at every `checkMs`
// (WORK_LEASE_S), so a killed instance's turn passes to another within a check after its interval.
// One run at a time; close() stops the checks, waits for a run in progress and gives the lease
// back, so the store is never closed under it at shutdown.
import type { FastifyBaseLogger } from 'fastify';
import { startLeasedInterval } from '../cluster/leased-interval.ts';
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

  const turns = startLeasedInterval({ store, lease: LEASE, intervalMs, checkMs, log, run: async () => void (await run()) });

  return {
    runNow: () => (closed ? Promise.resolve(NOTHING) : run()),
    async close() {
      closed = true;
      await turns.close();
      await running;
    },
  };
}
