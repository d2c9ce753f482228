// The scheduled purge of each team's events and document visits past its retention period. One
// run at a time; close() stops the timer and waits for a run in progress, so the store is never
// closed under it at shutdown.
import type { FastifyBaseLogger } from 'fastify';
import type { PurgeCounts, Store } from '../store/store.ts';

export interface RetentionJob {
  /** Resolves with what the run deleted (the first run starts at once). */
  runNow(): Promise<PurgeCounts>;
  close(): Promise<void>;
}

export function startRetentionJob(store: Store, intervalMs: number, log: FastifyBaseLogger): RetentionJob {
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
        return { events: 0, documentVisits: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();

  return {
    runNow: () => (closed ? Promise.resolve({ events: 0, documentVisits: 0 }) : run()),
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
