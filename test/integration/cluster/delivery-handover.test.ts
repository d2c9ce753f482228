// Webhook deliveries claimed by an instance that is then SIGKILLed: two `glint serve` processes on
// one PostgreSQL database claim the queued deliveries between them while the receiver holds every
// request open; one instance is killed; its claims come back when their lease runs out and the other
// instance delivers them. Every event is accepted by the receiver exactly once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEmail, openPixel } from '../../support/cluster-feed.ts';
import { glintCommand } from '../../support/glint-serve.ts';
import { startGlintCluster, type GlintCluster } from '../../support/glint-cluster.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

const EVENTS = 12;
let cluster: GlintCluster;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  cluster = await startGlintCluster({
    instances: 2,
    env: {
      MAILBOX_WATCH: 'off',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_TIMEOUT_S: '1',
      WEBHOOK_LEASE_S: '2',
      WEBHOOK_RETRY_BASE_S: '0.2',
      WEBHOOK_RETRY_MAX_S: '1',
    },
  });
});

afterAll(async () => {
  await cluster?.stop();
  await receiver?.close();
});

describe('webhook deliveries across a killed instance', () => {
  it("hands the killed instance's claims to the other after the lease, each event accepted once", async () => {
    const [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const apiToken = await cluster.addUser('rep@handover.example');
    const hook = await glintCommand({ ...cluster.sharedEnv, DATA_DIR: '', GLINT_TOKEN: apiToken, GLINT_SERVER: a })(
      'webhook',
      'add',
      receiver.url,
      '--kinds',
      'open',
    );
    expect(hook.code).toBe(0);
    receiver.answerWith(() => 'hang');
    const tokens: string[] = [];
    for (let index = 0; index < EVENTS; index++) tokens.push(await registerEmail(a, apiToken, `Offer ${index}`));
    for (const [index, token] of tokens.entries()) expect(await openPixel(index % 2 === 0 ? a : b, token)).toBe(200);

    // Both instances hold claims: every event has reached the receiver once, unanswered.
    await receiver.until((requests) => new Set(requests.map((request) => request.json.id)).size === EVENTS);
    const client = new pg.Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    try {
      const claimers = await client.query<{ claimed_by: string }>('SELECT DISTINCT claimed_by FROM crm_deliveries');
      expect(claimers.rows).toHaveLength(2);
    } finally {
      await client.end();
    }
    await cluster.instances[0]?.stop('SIGKILL');
    receiver.answerWith(() => 200);

    await receiver.until(
      (requests) => new Set(requests.filter((request) => request.answer === 200).map((request) => request.json.id)).size === EVENTS,
      30_000,
    );
    const accepted = receiver.requests.filter((request) => request.answer === 200).map((request) => request.json.id);
    expect(accepted.length).toBe(EVENTS);
  });
});
