// Pacing per mailbox holds across server instances: two real Glint servers on one PostgreSQL
// database, both sending campaign steps, a per-minute limit of 2 and five steps of one mailbox due
// at once. The follow-ups are read back from the recipients' own mailboxes (Dovecot, through its
// submission service and LMTP): 2 in the first minute, 2 in the next, the last one after that,
// none twice. The minute is not waited for: both schedulers share a clock the test moves forward
// (pacing is counted from the claim's time). That nothing more went out is known, not slept on:
// each server's claims are counted, and a check is made only after both have asked for a step
// again and got none.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepClaim } from '../../../src/server/store/store.ts';
import { connectMailbox, createCampaign, enrolledEmail, header, repApi, until } from '../../support/campaign-setup.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { startServer, type TestServer } from '../../support/start-server.ts';

const REP = 'rep@rep.example';
const BUYERS = [1, 2, 3, 4, 5].map((n) => `buyer${n}@buyer.example`);
const MINUTE = 60_000;

/** One server instance and how its scheduler's claims went. */
interface Instance {
  server: TestServer;
  sent: string[];
  /** Claims answered with nothing to do (nothing due, or the mailbox paced out). */
  empty: number;
}

let dovecot: Dovecot;
let cluster: PostgresCluster;
const instances: Instance[] = [];
// Starts before anything is due; moved forward by the test.
let now = new Date(Date.now() - 5 * MINUTE);

/** Starts a server on the shared database, its scheduler on the shared clock, its claims counted. */
async function startInstance(databaseUrl: string, secretKey: string): Promise<Instance> {
  const server = await startServer({
    env: {
      DATABASE_URL: databaseUrl,
      GLINT_SECRET_KEY: secretKey,
      CAMPAIGN_SENDING: 'on',
      CAMPAIGN_POLL_MS: '100',
      CAMPAIGN_PER_MINUTE: '2',
    },
    campaignClock: () => now,
  });
  const instance: Instance = { server, sent: [], empty: 0 };
  const { store } = server.context;
  const claim = store.claimDueStep.bind(store);
  store.claimDueStep = async (request): Promise<StepClaim | null> => {
    const claimed = await claim(request);
    if (!claimed) instance.empty += 1;
    else if (claimed.kind === 'send') instance.sent.push(claimed.enrolment.id);
    return claimed;
  };
  return instance;
}

/** Every follow-up in the buyers' mailboxes: the thread each answers (In-Reply-To), per buyer. */
async function delivered(): Promise<string[]> {
  const threads: string[] = [];
  for (const buyer of BUYERS) {
    for (const raw of await dovecot.messages(buyer)) threads.push(`${buyer} ${header(raw, 'In-Reply-To') ?? ''}`);
  }
  return threads;
}

/** Steps claimed to be sent, both servers together. */
const sentClaims = (): number => instances.reduce((sum, instance) => sum + instance.sent.length, 0);

/** Resolves once both schedulers have asked for a step twice more and got nothing. */
async function bothLookedAgain(): Promise<void> {
  const from = instances.map((instance) => instance.empty);
  await until(
    'both servers claiming again',
    async () => instances.map((instance, index) => instance.empty - (from[index] ?? 0)),
    (looks) => looks.every((count) => count >= 2),
  );
}

beforeAll(async () => {
  dovecot = await startDovecot({ submission: true });
  // Every user before the first sign-in: Dovecot rereads the passwd-file when its mtime changes.
  for (const address of [REP, ...BUYERS]) dovecot.addUser(address, 'secret');
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase('glint_campaign_pacing');
  const secretKey = randomBytes(32).toString('base64url');
  // One after the other: the first applies the migrations.
  for (let index = 0; index < 2; index++) instances.push(await startInstance(databaseUrl, secretKey));
}, 120_000);
afterAll(async () => {
  for (const instance of instances) await instance.server.close();
  await dovecot?.stop();
  await cluster?.stop();
});

describe('campaign pacing per mailbox across two server instances on one PostgreSQL', () => {
  it('sends 2 of 5 due steps of one mailbox in the first minute, the rest in later minutes, none twice', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('servers missing');
    const rep = await first.server.addUser(REP);
    // Set up through one server, sent by both.
    const api = repApi(() => first.server.baseUrl, rep.apiToken);
    await connectMailbox(api, dovecot, REP, 'secret');
    const campaignId = await createCampaign(api, ['Hi {{first_name|there}}, any news?']);
    const threads: string[] = [];
    for (const buyer of BUYERS) threads.push(`${buyer} <${(await enrolledEmail(api, campaignId, buyer)).messageId}>`);

    // All five due at once (each a minute ago); the limit lets two out in this minute.
    now = new Date();
    await until('two follow-ups delivered', delivered, (got) => got.length >= 2);
    await bothLookedAgain();
    expect(await delivered()).toHaveLength(2);
    expect(sentClaims()).toBe(2);

    now = new Date(now.getTime() + MINUTE);
    await until('four follow-ups delivered', delivered, (got) => got.length >= 4);
    await bothLookedAgain();
    expect(await delivered()).toHaveLength(4);
    expect(sentClaims()).toBe(4);

    now = new Date(now.getTime() + MINUTE);
    await until('five follow-ups delivered', delivered, (got) => got.length >= 5);
    await bothLookedAgain();
    const all = await delivered();
    expect(all.sort()).toEqual([...threads].sort());

    // Five claims to send, each enrolment once, whichever server took it.
    const claimed = [...first.sent, ...second.sent];
    expect(new Set(claimed).size).toBe(5);
    expect(claimed).toHaveLength(5);
    console.info(`steps sent by the first server: ${first.sent.length}, by the second: ${second.sent.length}`);
  }, 180_000);
});
