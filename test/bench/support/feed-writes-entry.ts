// Bundled by test/bench/feed-writes.ts and evaluated in the extension's service worker (real
// Chromium IndexedDB, where the background writes): times one way of writing feed events into
// a fresh feed database and reports what the database holds afterwards, so the ways can be
// checked against each other.
import { FeedDb } from '../../../src/extension/data/feed-db.ts';
import { countUnread, startsUnread, upsertFeedEvents, type UpsertResult } from '../../../src/extension/data/feed-writes.ts';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { upsertSequentially } from '../../support/feed-writes-sequential.ts';

export type WritePath = 'bulk' | 'sequential' | 'bulkPut';

export interface WriteRun {
  ms: number;
  added: number;
  updated: number;
  events: number;
  emails: number;
  unread: number;
  /** Sum of every email row's counts, unread and machine counts: equal rows give equal sums. */
  rowSum: number;
}

/** The floor: the events alone in one bulkPut, no email rows at all. */
async function bulkPutOnly(db: FeedDb, events: readonly FeedEvent[]): Promise<UpsertResult> {
  const rows = events.map((event) => ({
    ...event,
    emailToken: event.email.token,
    read: startsUnread(event) ? (0 as const) : (1 as const),
  }));
  await db.transaction('rw', db.events, () => db.events.bulkPut(rows));
  return { added: rows, updated: [] };
}

const WRITERS: Record<WritePath, (db: FeedDb, events: readonly FeedEvent[]) => Promise<UpsertResult>> = {
  bulk: upsertFeedEvents,
  sequential: upsertSequentially,
  bulkPut: bulkPutOnly,
};

interface Case {
  prefill: FeedEvent[];
  events: FeedEvent[];
}

const cases = new Map<string, Case>();
let databases = 0;

async function run(name: string, path: WritePath, batch: number): Promise<WriteRun> {
  const given = cases.get(name);
  if (!given) throw new Error(`no case ${name}`);
  const db = new FeedDb(`glint-bench-writes-${databases++}`);
  try {
    await db.open();
    if (given.prefill.length > 0) await upsertFeedEvents(db, given.prefill); // not timed
    let added = 0;
    let updated = 0;
    const started = performance.now();
    for (let start = 0; start < given.events.length; start += batch) {
      const result = await WRITERS[path](db, given.events.slice(start, start + batch));
      added += result.added.length;
      updated += result.updated.length;
    }
    const ms = performance.now() - started;
    const rowSum = (await db.emails.toArray()).reduce(
      (sum, row) => sum + row.unreadCount + row.machineCount + Object.values(row.counts).reduce((a, b) => a + b, 0),
      0,
    );
    return { ms, added, updated, events: await db.events.count(), emails: await db.emails.count(), unread: await countUnread(db), rowSum };
  } finally {
    await db.delete();
  }
}

const bench = {
  load: (name: string, prefill: FeedEvent[], events: FeedEvent[]): void => void cases.set(name, { prefill, events }),
  run,
};
(globalThis as unknown as { glintWriteBench: typeof bench }).glintWriteBench = bench;
