// bench:feed-writes — writing 10,000 feed events into the extension's feed database inside the
// BUILT extension's service worker (real Chromium IndexedDB), three ways, alternating in the
// same run: `bulk` (upsertFeedEvents), `sequential` (the pre-bulk path: one read and one write
// per email, test/support/feed-writes-sequential.ts) and `bulkPut` (the events alone, no email
// rows: the floor). Every way must leave the same database (counts checked); medians as JSON.
//   npm run bench:feed-writes [-- --runs 3]
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { FeedEvent } from '../../src/shared/api-schemas.ts';
import { bundleScript, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';
import type { WritePath, WriteRun } from './support/feed-writes-entry.ts';
import { percentile, round1 } from './support/popup-timing.ts';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(options.runs);
const PATHS: readonly WritePath[] = ['bulk', 'sequential', 'bulkPut'];
const log = (message: string): void => void process.stderr.write(`bench:feed-writes ${message}\n`);

interface CaseSpec {
  name: string;
  what: string;
  emails: number;
  batch: number;
  /** Store the events first (not timed), then time re-delivering them relabelled machine. */
  relabel?: boolean;
}

const CASES: readonly CaseSpec[] = [
  { name: 'first-sync-2k-emails', what: '10,000 new events in 2,000 emails, one batch', emails: 2_000, batch: 10_000 },
  { name: 'first-sync-10k-emails', what: '10,000 new events in 10,000 emails, one batch', emails: 10_000, batch: 10_000 },
  { name: 'sync-pages-of-100', what: '10,000 new events in 2,000 emails, in the feed sync pages of 100', emails: 2_000, batch: 100 },
  {
    name: 'relabel-2k-emails',
    what: '10,000 stored events re-delivered as machine, one batch',
    emails: 2_000,
    batch: 10_000,
    relabel: true,
  },
];

function eventsFor(spec: CaseSpec): { prefill: FeedEvent[]; events: FeedEvent[] } {
  const now = Date.now();
  const pool = Array.from({ length: spec.emails }, (_, index) =>
    makeEmail({ subject: `Deal ${index}`, sentAt: new Date(now - 30 * 86_400_000).toISOString() }),
  );
  const events = Array.from({ length: 10_000 }, (_, index) =>
    makeFeedEvent({
      email: pool[index % spec.emails],
      at: new Date(now - index * 1_000).toISOString(),
      repeat: index % 7 === 3,
      kind: index % 5 === 4 ? 'click' : 'open',
    }),
  );
  if (!spec.relabel) return { prefill: [], events };
  return {
    prefill: events,
    events: events.map((event) => ({ ...event, label: 'machine' as const, reason: 'link-scanner-network' as const })),
  };
}

async function runCase(browser: ExtensionBrowser, spec: CaseSpec): Promise<Record<string, unknown>> {
  const { prefill, events } = eventsFor(spec);
  await browser.worker.evaluate(
    ([name, before, list]) =>
      (globalThis as unknown as { glintWriteBench: { load(n: string, p: unknown, e: unknown): void } }).glintWriteBench.load(
        name,
        before,
        list,
      ),
    [spec.name, prefill, events] as const,
  );
  const runs = new Map<WritePath, WriteRun[]>(PATHS.map((path) => [path, []]));
  for (let round = 0; round < RUNS; round += 1) {
    // Rotate the order each round so no way always runs first (warm caches, disk state).
    for (const path of [...PATHS.slice(round % PATHS.length), ...PATHS.slice(0, round % PATHS.length)]) {
      const result = await browser.worker.evaluate(
        ([name, how, batch]) =>
          (globalThis as unknown as { glintWriteBench: { run(n: string, p: string, b: number): Promise<WriteRun> } }).glintWriteBench.run(
            name,
            how,
            batch,
          ),
        [spec.name, path, spec.batch] as const,
      );
      log(`${spec.name} ${path} round ${round + 1}: ${Math.round(result.ms)} ms`);
      runs.get(path)?.push(result);
    }
  }
  const medians = Object.fromEntries(
    PATHS.map((path) => [
      path,
      round1(
        percentile(
          (runs.get(path) ?? []).map((run) => run.ms),
          50,
        ),
      ),
    ]),
  );
  const outcome = (path: WritePath): Omit<WriteRun, 'ms'> | undefined => {
    const first = runs.get(path)?.[0];
    return (
      first && {
        added: first.added,
        updated: first.updated,
        events: first.events,
        emails: first.emails,
        unread: first.unread,
        rowSum: first.rowSum,
      }
    );
  };
  // The bulk path must leave exactly what the sequential one leaves; a fast wrong answer is no result.
  if (JSON.stringify(outcome('bulk')) !== JSON.stringify(outcome('sequential'))) {
    throw new Error(
      `${spec.name}: bulk and sequential disagree: ${JSON.stringify({ bulk: outcome('bulk'), sequential: outcome('sequential') })}`,
    );
  }
  const bulk = medians['bulk'] ?? NaN;
  return {
    name: spec.name,
    what: spec.what,
    batch: spec.batch,
    medianMs: medians,
    sequentialOverBulk: round1((medians['sequential'] ?? NaN) / bulk),
    bulkOverBulkPutFloor: round1(bulk / (medians['bulkPut'] ?? NaN)),
    result: outcome('bulk'),
  };
}

log('building the extension and the bench script');
const [script, browser] = await Promise.all([
  bundleScript('test/bench/support/feed-writes-entry.ts', 'glintWriteBenchBundle'),
  launchExtension(),
]);
try {
  await browser.worker.evaluate(script);
  const cases: Record<string, unknown>[] = [];
  for (const spec of CASES) cases.push(await runCase(browser, spec));
  console.log(
    JSON.stringify(
      {
        bench: 'feed-writes',
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        runs: RUNS,
        metric: 'ms to write the events into a fresh feed database in the extension service worker (median of runs)',
        cases,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}
