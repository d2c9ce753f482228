// What the Salesforce tests share: a server configured with the fake Salesforce's connected app,
// a team connected through the real PKCE flow (the fake signs the administrator in at once),
// and a reply stored the way the mailbox watcher stores it.
import { expect } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import type { SalesforceStatus } from '../../src/shared/salesforce-api.ts';
import type { FakeSalesforce } from './fake-salesforce.ts';
import type { TestServer, TestUser } from './start-server.ts';

export function salesforceEnv(fake: FakeSalesforce): Record<string, string> {
  return {
    SALESFORCE_CLIENT_ID: fake.clientId,
    SALESFORCE_CLIENT_SECRET: fake.clientSecret,
    SALESFORCE_LOGIN_URL: fake.url,
    SALESFORCE_API_VERSION: '62.0',
    WEBHOOK_RETRY_BASE_S: '0.05',
    WEBHOOK_RETRY_MAX_S: '0.2',
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_TIMEOUT_S: '1',
    WEBHOOK_LEASE_S: '2',
  };
}

/** Starts the connection through the API and follows it as a browser would; the Connect answer. */
export async function connectThroughBrowser(baseUrl: string, headers: Record<string, string>): Promise<Response> {
  return consentAndConnect(await signInAtSalesforce(baseUrl, headers));
}

/** Starts the connection through the API and lets the fake sign in: the callback URL it returns to. */
export async function signInAtSalesforce(baseUrl: string, headers: Record<string, string>): Promise<string> {
  const started = await fetch(`${baseUrl}/api/v1/salesforce/connect`, {
    method: 'POST',
    headers: { authorization: headers.authorization ?? '' },
  });
  expect(started.status).toBe(200);
  const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  return consent.headers.get('location') ?? '';
}

/** The consent page's form (state, code) as the browser sends it, from `origin` (its own by default). */
export function postConsent(callbackUrl: string, decision: 'connect' | 'cancel', origin = new URL(callbackUrl).origin): Promise<Response> {
  const callback = new URL(callbackUrl);
  const form = new URLSearchParams({
    state: callback.searchParams.get('state') ?? '',
    code: callback.searchParams.get('code') ?? '',
    decision,
  });
  return fetch(`${callback.origin}${callback.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: form.toString(),
  });
}

/** Opens the consent page (it must connect nothing yet), then presses Connect: the answer. */
export async function consentAndConnect(callbackUrl: string): Promise<Response> {
  const page = await fetch(callbackUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<form method="post" action="callback">');
  return postConsent(callbackUrl, 'connect');
}

export async function statusOf(baseUrl: string, rep: TestUser): Promise<SalesforceStatus> {
  return (await (await fetch(`${baseUrl}/api/v1/salesforce`, { headers: rep.headers })).json()) as SalesforceStatus;
}

export async function putSettings(
  server: TestServer,
  rep: TestUser,
  settings: { engagement: string[]; createLeads: boolean },
): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/v1/salesforce/settings`, {
    method: 'PUT',
    headers: rep.headers,
    body: JSON.stringify(settings),
  });
  expect(response.status).toBe(200);
}

/** A reply from `from` to the tracked email, stored as the mailbox watcher stores one. */
export async function storeReply(server: TestServer, rep: TestUser, token: string, from: string, firstLines: string): Promise<void> {
  const stored = await server.context.store.appendMailEvent(
    {
      id: mintId('event'),
      kind: 'reply',
      details: { from, fromName: 'Dana Shaw', senderRole: 'to', firstLines },
      label: 'human',
      reason: 'no-machine-signal',
      at: new Date(),
      emailToken: token,
      userId: rep.user.id,
      signerUserId: null,
      linkIndex: null,
      url: null,
      ip: null,
      userAgent: null,
      deviceId: null,
      repeat: false,
    },
    `${mintId('event')}@client.example`,
  );
  expect(stored).not.toBeNull();
}
