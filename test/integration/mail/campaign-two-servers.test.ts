// Two real `glint serve` processes on one PostgreSQL database, both sending campaign steps, with
// many steps due at once from two mailboxes: every step reaches its recipient's mailbox exactly
// once (read back over IMAP by the Message-ID it replies to), and both processes take part. One
// mailbox's SMTP server is slow (the relay holds its answers): the other mailbox's steps all go
// out while it is still holding, so a slow server holds back only its own mailbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMailbox, createCampaign, enrolledEmail, header, repApi, until, type RepApi } from '../../support/campaign-setup.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';

const STEPS_PER_MAILBOX = 12;
const SLOW = { rep: 'slow@rep.example', buyer: 'buyer.slow@buyer.example' };
const QUICK = { rep: 'quick@rep.example', buyer: 'buyer.quick@buyer.example' };

const root = mkdtempSync(join(tmpdir(), 'glint-campaign-two-'));
const running = new Set<ServeProcess>();
let dovecot: Dovecot;
let cluster: PostgresCluster;
let databaseUrl: string;

beforeAll(async () => {
  dovecot = await startDovecot({ submission: true });
  for (const address of [SLOW.rep, SLOW.buyer, QUICK.rep, QUICK.buyer]) dovecot.addUser(address, 'secret');
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase('glint_campaigns');
}, 120_000);
afterAll(async () => {
  for (const serve of running) await serve.stop('SIGKILL');
  await dovecot?.stop();
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** One server process of the pair: its own data directory, the shared database and server key. */
function instanceEnv(name: string, sending: 'on' | 'off'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: join(root, name),
    DATABASE_URL: databaseUrl,
    GLINT_SECRET_KEY: 'two-instances-share-this-server-key-0123456789',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAILBOX_HOSTS: 'loopback',
    CAMPAIGN_SENDING: sending,
    CAMPAIGN_POLL_MS: '200',
    CAMPAIGN_PER_MINUTE: '600',
    // Longer than the slow mailbox is held, on a loaded machine too.
    CAMPAIGN_SMTP_TIMEOUT_S: '120',
  };
}

async function serve(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const started = await spawnServe(env);
  running.add(started);
  return started;
}

/** A rep added with `glint user add`, the mailbox connected and STEPS_PER_MAILBOX tracked emails enrolled. */
async function repWithDueSteps(
  setupUrl: string,
  who: { rep: string; buyer: string },
): Promise<{ api: RepApi; campaignId: string; threads: string[] }> {
  const added = await glintCommand(instanceEnv('setup', 'off'))('user', 'add', who.rep, '--json');
  expect(added.code).toBe(0);
  const api = repApi(() => setupUrl, (JSON.parse(added.stdout) as { apiToken: string }).apiToken);
  await connectMailbox(api, dovecot, who.rep, 'secret');
  const campaignId = await createCampaign(api, ['Hi {{first_name|there}}, any news?']);
  const threads: string[] = [];
  for (let index = 0; index < STEPS_PER_MAILBOX; index++) threads.push((await enrolledEmail(api, campaignId, who.buyer)).messageId);
  return { api, campaignId, threads };
}

/** How often each thread's Message-ID is answered (In-Reply-To) in the buyer's mailbox. */
async function repliesPerThread(buyer: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const raw of await dovecot.messages(buyer)) {
    const thread = header(raw, 'In-Reply-To')?.replace(/^<|>$/g, '') ?? '';
    counts.set(thread, (counts.get(thread) ?? 0) + 1);
  }
  return counts;
}

describe('campaign steps from two server instances on one PostgreSQL database', () => {
  it('sends every due step exactly once, and a slow SMTP server holds back only its own mailbox', async () => {
    const setup = await serve(instanceEnv('setup', 'off'));
    const slow = await repWithDueSteps(setup.url, SLOW);
    const quick = await repWithDueSteps(setup.url, QUICK);
    await setup.stop();

    // The slow mailbox's server answers nothing until the quick mailbox's steps have all arrived.
    let release: () => void = () => undefined;
    const slowServer = new Promise<void>((resolve) => (release = resolve));
    let slowHeld = 0;
    dovecot.relay?.beforeAnswer(async (message) => {
      if (message.from !== SLOW.rep) return;
      slowHeld += 1;
      await slowServer;
    });

    const [first, second] = await Promise.all([serve(instanceEnv('one', 'on')), serve(instanceEnv('two', 'on'))]);
    const quickArrived = await until(
      'every step of the quick mailbox delivered',
      () => repliesPerThread(QUICK.buyer),
      (counts) => counts.size === STEPS_PER_MAILBOX,
      100_000,
    );
    // At most one step of the slow mailbox in each process at a time, all held.
    expect(slowHeld).toBeGreaterThan(0);
    expect((await repliesPerThread(SLOW.buyer)).size).toBeLessThanOrEqual(2);
    release();

    const slowArrived = await until(
      'every step of the slow mailbox delivered',
      () => repliesPerThread(SLOW.buyer),
      (counts) => counts.size === STEPS_PER_MAILBOX,
      150_000,
    );
    for (const [counts, threads] of [
      [quickArrived, quick.threads],
      [slowArrived, slow.threads],
    ] as const) {
      expect([...counts.keys()].sort()).toEqual([...threads].sort());
    }
    // Every step recorded as sent, by both processes, and no copy came twice meanwhile.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await until(
        'every step recorded as sent',
        async () => (await db.query<{ n: string }>(`SELECT count(*) AS n FROM campaign_sends WHERE state = 'sent'`)).rows[0]?.n,
        (n) => Number(n) === 2 * STEPS_PER_MAILBOX,
      );
      const owners = await db.query<{ claimed_by: string }>('SELECT DISTINCT claimed_by FROM campaign_sends');
      expect(owners.rows).toHaveLength(2);
    } finally {
      await db.end();
    }
    for (const buyer of [QUICK.buyer, SLOW.buyer]) {
      const counts = await repliesPerThread(buyer);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
    }
    await Promise.all([first.stop(), second.stop()]);
  }, 420_000);
});
