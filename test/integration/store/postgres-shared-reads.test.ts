// Two PostgreSQL stores on one database, as two servers behind a load balancer: what one writes,
// the other reads at once, even after it read the same thing before (it keeps no copy in memory).
// SQLite is one process by design and answers from its caches (test/unit/server/store-caches.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import type { HitStateQuery, Store } from '../../../src/server/store/store.ts';
import { mintId } from '../../../src/shared/ids.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { ALICE, at, click, emailRecord, hit, seedAccounts } from './records.ts';

let cluster: PostgresCluster;
let a: Store;
let b: Store;

beforeAll(async () => {
  cluster = await startPostgres();
  const url = await cluster.createDatabase('shared_reads');
  a = await openPostgresStore(url);
  b = await openPostgresStore(url);
  await seedAccounts(a);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await cluster?.stop();
});

const everything = (token: string): HitStateQuery => ({
  token,
  signerUserId: null,
  selfViewsSince: at(0),
  clicks: { since: at(0), limit: 100 },
  humanOpenSince: at(0),
});

describe('two PostgreSQL stores on one database', () => {
  it("read each other's emails, devices, self views, opens and clicks after reading them before", async () => {
    const email = emailRecord(ALICE.id);
    // Store A reads first: nothing registered, no device, no view, no hit.
    expect(await a.getEmail(email.token)).toBeNull();
    expect(await a.listDeviceIds(ALICE.id)).toEqual([]);
    expect(await a.listSelfViews(email.token, ALICE.id, at(0))).toEqual([]);
    expect(await a.lastHumanOpen(email.token, at(0))).toBeNull();
    expect(await a.readHitState(everything(email.token))).toMatchObject({ email: null, ownerDevices: [], selfViews: [] });

    // Store B writes.
    await b.registerEmail(email);
    const device = mintId('device');
    await b.upsertDevice({ deviceId: device, userId: ALICE.id, name: 'Laptop', at: at(0) });
    const view = { userId: ALICE.id, deviceId: device, at: at(1000) };
    await b.addSelfView(email.token, view);
    await b.appendEvent(hit(email.token, { at: at(2000) }));
    const clicked = await b.appendEvent(click(email.token, 1, { at: at(3000) }));
    await b.updateEmailIds(ALICE.id, email.token, { gmailThreadId: 'thread-1' });

    // Store A sees all of it.
    expect(await a.getEmail(email.token)).toEqual({ ...email, gmailThreadId: 'thread-1' });
    expect(await a.listDeviceIds(ALICE.id)).toEqual([device]);
    expect(await a.listSelfViews(email.token, ALICE.id, at(0))).toEqual([view]);
    expect(await a.lastHumanOpen(email.token, at(0))).toEqual(at(2000));
    const state = await a.readHitState(everything(email.token));
    expect(state).toMatchObject({ ownerId: ALICE.id, ownerDevices: [device], selfViews: [view], lastHumanOpenAt: at(2000) });
    expect(state.email?.gmailThreadId).toBe('thread-1');
    expect(state.priorClicks.map((event) => event.id)).toEqual([clicked.id]);

    // A relabel through B lowers what A reads as the newest human open.
    await b.relabelEvents(ALICE.id, [
      ...(await b.listOpensBetween(email.token, at(0), at(5000))).map((open) => ({
        id: open.id,
        label: 'machine' as const,
        reason: 'bot-ua' as const,
        repeat: false,
      })),
    ]);
    expect(await a.lastHumanOpen(email.token, at(0))).toBeNull();
    expect((await a.readHitState(everything(email.token))).lastHumanOpenAt).toBeNull();
  });
});
