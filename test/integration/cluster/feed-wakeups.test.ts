// Two real `glint serve` processes on one throwaway PostgreSQL database: a feed long-poll waiting on
// instance A returns when the open lands on instance B, as fast as when it lands on A itself
// (cluster/feed-relay.ts: LISTEN/NOTIFY), and an instance whose relay connection was cut is woken
// again once it is back.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGlintCluster, type GlintCluster } from '../../support/glint-cluster.ts';
import { openPixel, readFeed, registerEmail, untilWaiting } from '../../support/cluster-feed.ts';

let cluster: GlintCluster;
let apiToken = '';
const urlOf = (index: number): string => cluster.instances[index]?.url ?? '';

beforeAll(async () => {
  cluster = await startGlintCluster({ instances: 2 });
  apiToken = await cluster.addUser('rep@example.com');
});

afterAll(() => cluster?.stop());

/** Long-polls on `waitOn`, opens a fresh email's pixel on `hitOn`: ms from the pixel's answer to the poll's. */
async function wakeUpLatency(waitOn: string, hitOn: string): Promise<number> {
  const emailToken = await registerEmail(waitOn, apiToken, 'Quarterly numbers');
  const { cursor } = await readFeed(waitOn, apiToken);
  const poll = readFeed(waitOn, apiToken, `?cursor=${encodeURIComponent(cursor)}&wait=20`).then((page) => ({
    page,
    at: performance.now(),
  }));
  await untilWaiting(waitOn, 1);
  expect(await openPixel(hitOn, emailToken)).toBe(200);
  const answeredAt = performance.now();
  const { page, at } = await poll;
  expect(page.events.map((event) => [event.kind, event.email.token])).toEqual([['open', emailToken]]);
  return at - answeredAt;
}

describe('feed wake-ups across instances', () => {
  it('a long-poll on A returns as fast for an open on B as for one on A', async () => {
    const same: number[] = [];
    const across: number[] = [];
    for (let round = 0; round < 5; round++) {
      same.push(await wakeUpLatency(urlOf(0), urlOf(0)));
      across.push(await wakeUpLatency(urlOf(0), urlOf(1)));
      across.push(await wakeUpLatency(urlOf(1), urlOf(0)));
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Infinity;
    // The relay adds one NOTIFY round trip on loopback; a missed wake-up would cost the whole wait (20 s).
    expect(median(across)).toBeLessThan(median(same) + 250);
    expect(Math.max(...across)).toBeLessThan(2_000);
  });

  it('wakes its readers again after its listening connection was cut', async () => {
    const admin = new pg.Client({ connectionString: cluster.databaseUrl });
    await admin.connect();
    try {
      const emailToken = await registerEmail(urlOf(0), apiToken, 'After the cut');
      const { cursor } = await readFeed(urlOf(0), apiToken);
      const poll = readFeed(urlOf(0), apiToken, `?cursor=${encodeURIComponent(cursor)}&wait=20`);
      await untilWaiting(urlOf(0), 1);
      // Every LISTENing session is cut (both instances' relays); they connect again by themselves.
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN glint_feed_wakeups%'`);
      expect(await openPixel(urlOf(1), emailToken)).toBe(200);
      const started = performance.now();
      const page = await poll;
      expect(page.events.map((event) => event.email.token)).toEqual([emailToken]);
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await admin.end();
    }
  });
});
