// Work leased to one instance at a time (cluster/leased-work.ts, the mailbox watchers' split), with
// two stores on one throwaway PostgreSQL database standing for two server instances and a clock
// the test moves: each piece runs in exactly one instance; a killed instance's pieces move to
// the other once their lease runs out, a stopped one's at the other's next round; a restart asked
// through the instance that does not run the piece is carried out by the one that does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeasedWork } from '../../../src/server/cluster/leased-work.ts';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';

const LEASE_MS = 30_000;
let cluster: PostgresCluster;
let first: Store;
let second: Store;
let clock = Date.parse('2026-12-03T12:00:00Z');
const pieces = ['usr_a', 'usr_b', 'usr_c', 'usr_d'];
/** What ran where: `${instance} start|stop ${key}`, in order. */
let journal: string[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  const url = await cluster.createDatabase('leases');
  first = await openPostgresStore(url);
  second = await openPostgresStore(url);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await cluster?.stop();
});

function instance(name: string, store: Store, prefix: string): LeasedWork {
  return new LeasedWork({
    store,
    holder: `${name}-${prefix}`,
    prefix,
    leaseMs: LEASE_MS,
    list: async () => pieces,
    start: async (key) => void journal.push(`${name} start ${key}`),
    stop: async (key) => void journal.push(`${name} stop ${key}`),
    now: () => new Date(clock),
  });
}

/** Keys running in each instance must never overlap, and together they are every piece. */
function expectSplit(a: LeasedWork, b: LeasedWork): void {
  const [inA, inB] = [a.runningKeys, b.runningKeys];
  expect(inA.filter((key) => inB.includes(key))).toEqual([]);
  expect([...inA, ...inB].sort()).toEqual(pieces);
}

describe('work leased across two instances', () => {
  it('runs each piece once; a killed instance hands its pieces over after the lease', async () => {
    journal = [];
    const a = instance('A', first, 'kill:');
    const b = instance('B', second, 'kill:');
    await a.round();
    await b.round();
    expectSplit(a, b);
    expect(a.runningKeys.sort()).toEqual(pieces);

    // A is killed: it renews nothing from now on. Before the lease runs out B gets nothing.
    clock += LEASE_MS - 1;
    await b.round();
    expect(b.runningKeys).toEqual([]);
    clock += 1;
    await b.round();
    expect(b.runningKeys.sort()).toEqual(pieces);
    expect(journal.filter((line) => line.startsWith('B start')).length).toBe(pieces.length);
  });

  it('hands the pieces over at the next round when an instance stops cleanly', async () => {
    journal = [];
    const a = instance('A', first, 'stop:');
    const b = instance('B', second, 'stop:');
    await a.round();
    await b.round();
    await a.close();
    expect(journal.filter((line) => line.startsWith('A stop')).length).toBe(pieces.length);
    await b.round();
    expect(b.runningKeys.sort()).toEqual(pieces);
    await b.close();
  });

  it('carries out a restart asked through the other instance in the instance running the piece', async () => {
    const a = instance('A', first, 'restart:');
    const b = instance('B', second, 'restart:');
    await a.round();
    await b.round();
    journal = [];
    await b.restart('usr_c');
    expect(journal).toEqual([]);
    clock += 1_000;
    await a.round();
    await b.round();
    expect(journal).toEqual(['A stop usr_c', 'A start usr_c']);
    expectSplit(a, b);
    // Asked where it runs, it restarts there at once.
    journal = [];
    await a.restart('usr_d');
    expect(journal).toEqual(['A stop usr_d', 'A start usr_d']);
    await a.close();
    await b.close();
  });
});
