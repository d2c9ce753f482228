// A SIGKILL of the real `glint serve` while Salesforce is creating a reply's Task (the fake stores
// it and never answers): after a restart on the same data directory the delivery is claimed
// again when its lease runs out, finds the Task it created by its marker, and does not log the
// reply twice. The reply is delivered once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce.ts';
import { until } from '../../support/until.ts';
import { spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { connectThroughBrowser, salesforceEnv, storeReply } from '../../support/salesforce-harness.ts';
import { startServer, type TestUser } from '../../support/start-server.ts';
import { registerEmail } from '../server/helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'glint-salesforce-crash-'));
const running = new Set<ServeProcess>();
let fake: FakeSalesforce;

beforeAll(async () => {
  fake = await startFakeSalesforce();
});
afterAll(async () => {
  for (const serve of running) await serve.stop('SIGKILL');
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function serve(): Promise<ServeProcess> {
  const started = await spawnServe({
    ...process.env,
    ...salesforceEnv(fake),
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  running.add(started);
  return started;
}

it('logs a reply once across a SIGKILL in the middle of its Task creation', async () => {
  const address = 'crash-buyer@acme.example';
  fake.contacts.push({ Id: '003CRASH0000000001', Email: address });
  // Set up in-process with delivery off: a connected team and a stored reply waiting for it.
  const setup = await startServer({ dataDir, env: { ...salesforceEnv(fake), WEBHOOK_DELIVERY: 'off' } });
  let rep: TestUser;
  try {
    rep = await setup.addUser(undefined, { team: 'crash-team' });
    expect((await connectThroughBrowser(setup.baseUrl, rep.headers)).status).toBe(200);
    const { token } = await registerEmail(setup, rep, { subject: 'Contract', to: [address] });
    await storeReply(setup, rep, token, address, 'Signed, see attached.');
  } finally {
    await setup.close();
  }

  const held = fake.holdNextTaskCreation();
  const first = await serve();
  await held;
  await first.stop('SIGKILL');
  expect(fake.tasks.filter((task) => task.WhoId === '003CRASH0000000001')).toHaveLength(1);

  const second = await serve();
  const deliveries = async () =>
    (await (await fetch(`${second.url}/api/v1/salesforce/deliveries`, { headers: rep.headers })).json()) as {
      deliveries: { status: string; attempts: number }[];
    };
  // The lease of the killed process runs out (WEBHOOK_LEASE_S=2) before the row is claimed again:
  // wait by the clock, not by a count of reads, which a quiet machine finishes before the lease.
  const log = await until(
    'the reply delivered after the restart',
    deliveries,
    (read) => read.deliveries[0]?.status === 'delivered',
    60_000,
  );
  expect(log.deliveries).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  expect(fake.tasks.filter((task) => task.WhoId === '003CRASH0000000001')).toHaveLength(1);
}, 120_000);
