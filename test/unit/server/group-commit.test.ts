// Group commit on the real SQLite store: concurrent appends are all durable when they resolve,
// share few transactions, and keep their order.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { DATABASE_FILE_NAME } from '../../../src/server/store/sqlite/database.ts';
import { GroupCommit } from '../../../src/server/store/group-commit.ts';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import type { NewEvent, Store } from '../../../src/server/store/store.ts';

let dir: string;
let store: Store;
let reader: Database.Database;

const event = (token: string, index: number): NewEvent => ({
  id: mintId('event'),
  kind: 'open',
  label: 'human',
  reason: 'no-machine-signal',
  at: new Date(1_700_000_000_000 + index),
  emailToken: token,
  userId: null,
  signerUserId: null,
  linkIndex: null,
  url: null,
  ip: '192.0.2.1',
  userAgent: `reader ${index}`,
  deviceId: null,
  repeat: false,
  details: { index },
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glint-unit-'));
  store = openSqliteStore(dir, { maxBatch: 64 });
  // A second connection sees only what is committed.
  reader = new Database(join(dir, DATABASE_FILE_NAME), { readonly: true });
});
afterEach(async () => {
  reader.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
  it('makes each event visible to another connection by the time its promise resolves', async () => {
    const token = mintEmailToken();
    const exists = reader.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE id = ?');
    const results = await Promise.all(
      Array.from({ length: 500 }, async (_, index) => {
        const input = event(token, index);
        const stored = await store.appendEvent(input);
        return { stored, committed: exists.get(input.id)?.n === 1 };
      }),
    );
    expect(results.every((result) => result.committed)).toBe(true);
    const count = reader.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get();
    expect(count?.n).toBe(500);
  });

  it('keeps the order of appends in the seq numbers', async () => {
    const token = mintEmailToken();
    const stored = await Promise.all(Array.from({ length: 200 }, (_, index) => store.appendEvent(event(token, index))));
    const seqs = stored.map((item) => item.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(200);
    expect(stored.map((item) => item.details?.index)).toEqual(stored.map((_, index) => index));
  });

  it('batches concurrent items into few transactions and rejects only a failing item', async () => {
    const batches: number[] = [];
    const queue = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items.length);
        if (items.includes(13)) throw new Error('unlucky');
        return items.map((item) => item * 2);
      },
      { maxBatch: 1000 },
    );
    const settled = await Promise.allSettled(Array.from({ length: 100 }, (_, index) => queue.enqueue(index)));
    expect(settled[13]?.status).toBe('rejected');
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(99);
    expect(settled[7]).toEqual({ status: 'fulfilled', value: 14 });
    expect(batches[0]).toBe(100);
  });

  it('sees queued, not yet committed hits when reading recent clicks and opens', async () => {
    const token = mintEmailToken();
    const open = store.appendEvent(event(token, 1));
    const click = store.appendEvent({ ...event(token, 2), kind: 'click', linkIndex: 0 });
    expect(await store.lastHumanOpen(token, new Date(0))).toEqual(new Date(1_700_000_000_001));
    expect((await store.listRecentClicks(token, new Date(0), 10)).map((hit) => hit.linkIndex)).toEqual([0]);
    await Promise.all([open, click]);
    expect(await store.lastHumanOpen(token, new Date(0))).toEqual(new Date(1_700_000_000_001));
    expect(await store.listRecentClicks(token, new Date(0), 10)).toHaveLength(1);
  });
});
