// Webhook delivery against the real server and real local receivers: a tracked email's open
// reaches the receiver signed, once; a 500 or a request without an answer is retried with the
// same event id; events of one email arrive in order; a 410 disables the endpoint and a receiver
// that keeps failing pauses it (circuit breaker), each resumed by hand with nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryListResponse, WebhookView, WebhookWithSecret } from './webhook-types.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { until } from '../../support/until.ts';
import { startWebhookReceiver, verifySignature, type ReceivedRequest, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { openPixel, readFeed, registerEmail } from '../server/helpers.ts';

const FAST_RETRIES = {
  WEBHOOK_RETRY_BASE_S: '0.05',
  WEBHOOK_RETRY_MAX_S: '0.2',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_TIMEOUT_S: '0.5',
  WEBHOOK_LEASE_S: '2',
  WEBHOOK_PAUSE_AFTER: '3',
};

let server: TestServer;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  server = await startServer({ env: FAST_RETRIES });
});
afterAll(async () => {
  await server?.close();
  for (const receiver of receivers) await receiver.close();
});

/** A rep in a team of their own, with a webhook on a new receiver. */
async function setUp(kinds: string[] = ['open']): Promise<{ rep: TestUser; receiver: WebhookReceiver; hook: WebhookWithSecret }> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const rep = await server.addUser(undefined, { team: `team-${receivers.length}-${Date.now()}` });
  const response = await fetch(`${server.baseUrl}/api/v1/webhooks`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({ url: receiver.url, kinds }),
  });
  expect(response.status).toBe(201);
  return { rep, receiver, hook: (await response.json()) as WebhookWithSecret };
}

async function webhookOf(rep: TestUser, id: string): Promise<WebhookView> {
  return (await (await fetch(`${server.baseUrl}/api/v1/webhooks/${id}`, { headers: rep.headers })).json()) as WebhookView;
}

async function deliveriesOf(rep: TestUser, id: string): Promise<DeliveryListResponse['deliveries']> {
  const response = await fetch(`${server.baseUrl}/api/v1/webhooks/${id}/deliveries`, { headers: rep.headers });
  return ((await response.json()) as DeliveryListResponse).deliveries;
}

async function resume(rep: TestUser, id: string): Promise<WebhookView> {
  const response = await fetch(`${server.baseUrl}/api/v1/webhooks/${id}/resume`, {
    method: 'POST',
    headers: { authorization: rep.headers.authorization ?? '' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as WebhookView;
}

const ids = (requests: readonly ReceivedRequest[]): string[] => requests.map((request) => request.json.id);

describe('webhook delivery', () => {
  it('delivers an open once, signed, with the stored event', async () => {
    const { rep, receiver, hook } = await setUp();
    const { token } = await registerEmail(server, rep, { subject: 'Renewal' });
    expect((await openPixel(server, token)).status).toBe(200);
    const [request] = await receiver.until((requests) => requests.length === 1);
    const [stored] = (await readFeed(server, rep, '?cursor=0')).events;
    expect(request?.json).toMatchObject({
      id: stored?.id,
      type: 'event.created',
      data: { event: { id: stored?.id, kind: 'open', label: 'human' }, email: { token, subject: 'Renewal' } },
    });
    expect(request?.headers['glint-event-id']).toBe(stored?.id);
    expect(verifySignature(request?.headers['glint-signature'], request?.body ?? '', hook.secret)).toBe(true);
    // The attempt's outcome is recorded just after the receiver answered.
    const [logged] = await until(
      'the open logged as delivered',
      () => deliveriesOf(rep, hook.webhook.id),
      (log) => log[0]?.status === 'delivered',
    );
    expect(logged).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null });
  });

  it('retries after a 500 and after no answer, with the same event id, in order per email', async () => {
    const { rep, receiver, hook } = await setUp();
    receiver.answerWith((_request, index) => (index === 0 ? 500 : index === 1 ? 'hang' : 200));
    const { token } = await registerEmail(server, rep);
    await openPixel(server, token);
    await openPixel(server, token);
    const requests = await receiver.until((all) => all.filter((request) => request.answer === 200).length === 2);
    const [first, second] = (await readFeed(server, rep, '?cursor=0')).events;
    expect(ids(requests)).toEqual([first?.id, first?.id, first?.id, second?.id]);
    expect(requests.map((request) => request.answer)).toEqual([500, 'hang', 200, 200]);
    const log = await until(
      'both opens logged as delivered',
      () => deliveriesOf(rep, hook.webhook.id),
      (all) => all.every((delivery) => delivery.status === 'delivered'),
    );
    expect(log.map((delivery) => [delivery.eventId, delivery.status, delivery.attempts])).toEqual([
      [second?.id, 'delivered', 1],
      [first?.id, 'delivered', 3],
    ]);
  });

  it('disables an endpoint that answers 410 and delivers what waited once resumed', async () => {
    const { rep, receiver, hook } = await setUp();
    receiver.answerWith(() => 410);
    const { token } = await registerEmail(server, rep);
    await openPixel(server, token);
    await receiver.until((requests) => requests.length === 1);
    const disabled = await until(
      'the endpoint disabled',
      () => webhookOf(rep, hook.webhook.id),
      (view) => view.state === 'disabled',
    );
    expect(disabled.state).toBe('disabled');
    expect(disabled.stateReason).toMatch(/410 Gone/);
    const [waiting] = await deliveriesOf(rep, hook.webhook.id);
    expect(waiting).toMatchObject({ status: 'pending', lastStatus: 410 });
    receiver.answerWith(() => 200);
    expect((await resume(rep, hook.webhook.id)).state).toBe('active');
    const requests = await receiver.until((all) => all.length === 2);
    expect(ids(requests)).toEqual([waiting?.eventId, waiting?.eventId]);
  });

  it('pauses an endpoint after failures in a row (circuit breaker) and resumes it by hand', async () => {
    const { rep, receiver, hook } = await setUp();
    receiver.answerWith(() => 503);
    const { token } = await registerEmail(server, rep);
    await openPixel(server, token);
    await receiver.until((requests) => requests.length === 3);
    const paused = await until(
      'the endpoint paused',
      () => webhookOf(rep, hook.webhook.id),
      (view) => view.state === 'paused',
    );
    expect(paused).toMatchObject({ state: 'paused', consecutiveFailures: 3 });
    expect(paused.stateReason).toContain('3 failed attempts in a row (last: the receiver answered HTTP 503)');
    const [waiting] = await deliveriesOf(rep, hook.webhook.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 3, lastError: 'the receiver answered HTTP 503' });
    receiver.answerWith(() => 200);
    await resume(rep, hook.webhook.id);
    await receiver.until((requests) => requests.some((request) => request.answer === 200));
    expect(receiver.requests).toHaveLength(4);
  });

  it('delivers nothing of kinds the webhook did not choose, nor machine hits', async () => {
    const { rep, receiver } = await setUp(['reply']);
    const { token } = await registerEmail(server, rep);
    await openPixel(server, token);
    await server.context.store.flush();
    const other = await setUp(['open']);
    const second = await registerEmail(server, other.rep);
    await openPixel(server, second.token);
    await other.receiver.until((requests) => requests.length === 1);
    expect(receiver.requests).toEqual([]);
  });
});
