// A job run once per interval across instances (cluster/leased-interval.ts), with two instances on
// one real SQLite lease table and a clock the test moves: the first to look runs the turn, the
// other skips it; when the runner is killed (it stops looking and never gives the lease back) the
// other takes the next turn once the interval has passed, not before; a closed one hands over at
// the next look.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLeasedInterval, type LeasedInterval } from '../../../src/server/cluster/leased-interval.ts';
import { openDatabase, type SqliteDatabase } from '../../../src/server/store/sqlite/database.ts';
import { leaseQueries } from '../../../src/server/store/sqlite/leases.ts';

const HOUR = 3_600_000;
const quiet = { debug: () => undefined, error: () => undefined };
let dir: string;
let db: SqliteDatabase;
let clock: number;
let runs: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glint-leased-interval-'));
  db = openDatabase(dir);
  clock = Date.parse('2026-12-04T12:00:00Z');
  runs = [];
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An instance: the test calls check() itself (the real timer would look only after an hour). */
function instance(name: string): LeasedInterval {
  return startLeasedInterval({
    store: leaseQueries(db),
    lease: 'job:test',
    intervalMs: HOUR,
    checkMs: HOUR,
    log: quiet,
    now: () => new Date(clock),
    run: async () => void runs.push(name),
  });
}

describe('a leased interval', () => {
  it('runs each turn in one instance; a killed runner hands the next turn over after its interval', async () => {
    const a = instance('A');
    expect(await a.check()).toBe(true);
    clock += 1_000;
    const b = instance('B');
    expect(await b.check()).toBe(false);
    clock += HOUR / 2;
    expect([await a.check(), await b.check()]).toEqual([false, false]);
    expect(runs).toEqual(['A']);

    // A is killed: it looks no more. B's looks find the turn held until A's interval is over.
    clock = clock - 1_000 - HOUR / 2 + HOUR - 1;
    expect(await b.check()).toBe(false);
    clock += 1;
    expect(await b.check()).toBe(true);
    expect(runs).toEqual(['A', 'B']);
    await b.close();
    await a.close();
  });

  it('gives the turn back when closed, so the other runs at its next look', async () => {
    const a = instance('A');
    const b = instance('B');
    expect([await a.check(), await b.check()]).toEqual([true, false]);
    await a.close();
    clock += 1_000;
    expect(await b.check()).toBe(true);
    // Closed, it never runs again.
    expect(await a.check()).toBe(false);
    expect(runs).toEqual(['A', 'B']);
    await b.close();
  });

  it('waits for a run in progress before it closes', async () => {
    let finish = (): void => undefined;
    let started = (): void => undefined;
    const running = new Promise<void>((done) => (started = done));
    const slow = startLeasedInterval({
      store: leaseQueries(db),
      lease: 'job:slow',
      intervalMs: HOUR,
      checkMs: HOUR,
      log: quiet,
      now: () => new Date(clock),
      run: () => {
        started();
        return new Promise<void>((done) => (finish = done)).then(() => void runs.push('ran'));
      },
    });
    await running;
    const closing = slow.close().then(() => runs.push('closed'));
    finish();
    await closing;
    expect(runs).toEqual(['ran', 'closed']);
  });
});
