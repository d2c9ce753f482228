// /api/v1/webhooks against the real server: URL and kind checks in words, the secret shown once
// and never listed, team isolation, a test request signed as the README says (checked with
// node:crypto, not the product's code), secret rotation with both signatures during the overlap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryView, WebhookTestResult, WebhookView, WebhookWithSecret } from '../../../src/shared/webhook-api.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let server: TestServer;
let receiver: WebhookReceiver;
let alice: TestUser;
let bob: TestUser;
let mallory: TestUser;

beforeAll(async () => {
  server = await startServer();
  receiver = await startWebhookReceiver();
  alice = await server.addUser(undefined, { team: 'Northwind' });
  bob = await server.addUser(undefined, { team: 'Northwind' });
  mallory = await server.addUser(undefined, { team: 'Umbrella' });
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const call = (user: TestUser, method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${server.baseUrl}/api/v1/webhooks${path}`, {
    method,
    headers: body === undefined ? { authorization: user.headers.authorization ?? '' } : user.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function add(user: TestUser, body: unknown = { url: receiver.url, kinds: ['open', 'reply'] }): Promise<WebhookWithSecret> {
  const response = await call(user, 'POST', '', body);
  expect(response.status).toBe(201);
  return (await response.json()) as WebhookWithSecret;
}

describe('webhooks API', () => {
  it('refuses URLs and kinds it cannot deliver to, in words', async () => {
    const cases: [unknown, RegExp][] = [
      [{ url: 'http://hooks.example.com/x', kinds: ['open'] }, /must use https/],
      [{ url: 'https://user:pw@hooks.example.com/x', kinds: ['open'] }, /user name or password/],
      [{ url: 'not a url', kinds: ['open'] }, /full URL/],
      [{ url: 'https://hooks.example.com/x', kinds: [] }, /at least one event kind/],
      [{ url: 'https://hooks.example.com/x', kinds: ['campaign_resumed'] }, /must be one of/],
    ];
    for (const [body, message] of cases) {
      const response = await call(alice, 'POST', '', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('takes the campaign event kinds', async () => {
    const { webhook } = await add(alice, { url: receiver.url, kinds: ['campaign_step_sent', 'campaign_paused', 'campaign_stopped'] });
    expect(webhook.kinds).toEqual(['campaign_step_sent', 'campaign_paused', 'campaign_stopped']);
  });

  it('shows the secret once, lists the team its webhooks, and hides them from other teams', async () => {
    const { webhook, secret } = await add(alice);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await (await call(bob, 'GET', '')).text();
    expect(listed).toContain(webhook.id);
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain('v1.');
    expect(((await (await call(mallory, 'GET', '')).json()) as { webhooks: WebhookView[] }).webhooks).toEqual([]);
    for (const [method, path] of [
      ['GET', `/${webhook.id}`],
      ['DELETE', `/${webhook.id}`],
      ['POST', `/${webhook.id}/test`],
      ['POST', `/${webhook.id}/resume`],
      ['POST', `/${webhook.id}/rotate-secret`],
      ['GET', `/${webhook.id}/deliveries`],
    ] as const) {
      expect((await call(mallory, method, path)).status).toBe(404);
    }
    expect((await call(bob, 'DELETE', `/${webhook.id}`)).status).toBe(200);
    expect((await call(alice, 'GET', `/${webhook.id}`)).status).toBe(404);
  });

  it('sends a signed test request, and signs with both secrets while a rotation overlaps', async () => {
    const { webhook, secret } = await add(alice);
    const tested = (await (await call(alice, 'POST', `/${webhook.id}/test`)).json()) as WebhookTestResult;
    expect(tested).toMatchObject({ ok: true, status: 200, error: null });
    const [first] = await receiver.until((requests) => requests.some((request) => request.json.type === 'webhook.test'));
    const request = receiver.requests.at(-1);
    expect(first).toBeDefined();
    expect(request?.json).toMatchObject({ type: 'webhook.test', data: { webhookId: webhook.id } });
    expect(request?.headers['glint-event-id']).toBe(request?.json.id);
    expect(verifySignature(request?.headers['glint-signature'], request?.body ?? '', secret)).toBe(true);
    expect(verifySignature(request?.headers['glint-signature'], request?.body ?? '', 'whsec_wrong')).toBe(false);

    const rotated = (await (await call(alice, 'POST', `/${webhook.id}/rotate-secret`)).json()) as WebhookWithSecret;
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.webhook.previousSecretUntil).not.toBeNull();
    const count = receiver.requests.length;
    await call(alice, 'POST', `/${webhook.id}/test`);
    const after = (await receiver.until((requests) => requests.length > count)).at(-1);
    expect(after?.headers['glint-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifySignature(after?.headers['glint-signature'], after?.body ?? '', rotated.secret)).toBe(true);
    expect(verifySignature(after?.headers['glint-signature'], after?.body ?? '', secret)).toBe(true);
    const deliveries = (await (await call(alice, 'GET', `/${webhook.id}/deliveries`)).json()) as { deliveries: DeliveryView[] };
    expect(deliveries.deliveries).toEqual([]);
  });

  it('says in words when a test request finds nobody', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const { webhook } = await add(alice, { url: closed.url, kinds: ['open'] });
    const tested = (await (await call(alice, 'POST', `/${webhook.id}/test`)).json()) as WebhookTestResult;
    expect(tested).toMatchObject({ ok: false, status: null, error: 'the connection was refused' });
  });

  it('limits test requests per team, with the wait in words', async () => {
    const { webhook } = await add(mallory);
    const answers: number[] = [];
    for (let index = 0; index < 12; index++) answers.push((await call(mallory, 'POST', `/${webhook.id}/test`)).status);
    expect(answers.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await call(mallory, 'POST', `/${webhook.id}/test`);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many test requests; try again in \d+ s\.$/,
    );
  });

  it('never follows a redirect', async () => {
    const redirecting = await startWebhookReceiver();
    redirecting.answerWith(() => 307);
    try {
      const { webhook } = await add(alice, { url: redirecting.url, kinds: ['open'] });
      const tested = (await (await call(alice, 'POST', `/${webhook.id}/test`)).json()) as WebhookTestResult;
      expect(tested).toMatchObject({ ok: false, status: 307, error: 'the receiver answered HTTP 307 (redirects are not followed)' });
      expect(redirecting.requests).toHaveLength(1);
    } finally {
      await redirecting.close();
    }
  });
});
