// The isolation matrix: every /api/v1 route (as the server's own OpenAPI document lists them, so a
// new route cannot be forgotten) called by a user of another team with Alice's ids. A route that
// names one of Alice's things refuses (403, 404 or 409); a route that names none answers the
// caller's own data only. Afterwards Alice's things are as she left them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { mintId } from '../../src/shared/ids.ts';
import { documentLink, uploadPdf } from '../support/docs-recipient.ts';
import { startFakeSalesforce, type FakeSalesforce } from '../support/fake-salesforce.ts';
import { connectThroughBrowser, salesforceEnv } from '../support/salesforce-harness.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json, registerEmail } from '../integration/server/helpers.ts';

let server: TestServer;
let salesforce: FakeSalesforce;
let alice: TestUser;
let bob: TestUser;
let ids: {
  emailToken: string;
  documentId: string;
  linkToken: string;
  deviceId: string;
  webhookId: string;
  campaignId: string;
  enrolmentId: string;
};
const SUBJECT = 'Alice secret subject';
const TITLE = 'Alice secret title';
const WEBHOOK_URL = 'http://127.0.0.1:9/alice-secret-hook';
const NETWORK = { cidr: '198.51.100.0/24', label: 'Alice secret VPN' };
const CAMPAIGN_NAME = 'Alice secret campaign';
const SKIPPED_ADDRESS = 'alice-secret-prospect@prospect.example';
const campaign = (name: string) => ({ name, steps: [{ wait: { amount: 2, unit: 'business_days' }, body: 'Hi {{first_name|there}}' }] });

/** Refused: the route names Alice's thing. Own: the route names none; the answer is the caller's. */
type Expect = 'refused' | 'own';
interface Case {
  expect: Expect;
  body?: () => unknown;
  /** A query string, for routes that name their thing there. */
  query?: () => string;
  headers?: Record<string, string>;
  /** Why a case is not simply refused. */
  note?: string;
}

// Every route of /api/v1 but sign-in and sign-out; the test fails when the server has one more.
const CASES: Record<string, Case> = {
  'GET /api/v1/me': { expect: 'own' },
  'GET /api/v1/feed': { expect: 'own' },
  'GET /api/v1/devices': { expect: 'own' },
  'POST /api/v1/devices': { expect: 'refused', body: () => ({ deviceId: ids.deviceId, name: 'Stolen' }) },
  'POST /api/v1/emails': { expect: 'refused', body: () => ({ token: ids.emailToken, subject: 'Hijacked', to: ['x@example.org'] }) },
  'GET /api/v1/emails/{token}': { expect: 'refused' },
  'PATCH /api/v1/emails/{token}': { expect: 'refused', body: () => ({ gmailThreadId: 'hijacked' }) },
  'GET /api/v1/documents': { expect: 'own' },
  'POST /api/v1/documents': { expect: 'own', note: 'an upload of the caller; no id of anyone else in it' },
  'GET /api/v1/documents/{id}': { expect: 'refused' },
  'PATCH /api/v1/documents/{id}': { expect: 'refused', body: () => ({ title: 'Hijacked', shared: true }) },
  'DELETE /api/v1/documents/{id}': { expect: 'refused' },
  'POST /api/v1/documents/{id}/links': { expect: 'refused', body: () => ({ emailToken: mintEmailToken() }) },
  'PATCH /api/v1/documents/{id}/links/{token}': { expect: 'refused', body: () => ({ revoked: true }) },
  'GET /api/v1/mailbox': { expect: 'own' },
  'PUT /api/v1/mailbox': { expect: 'own', note: "the caller's own mailbox settings" },
  'DELETE /api/v1/mailbox': { expect: 'own' },
  'POST /api/v1/mailbox/test': { expect: 'own' },
  'GET /api/v1/team/networks': { expect: 'own' },
  'POST /api/v1/team/networks': { expect: 'own', note: "adds to the caller's own team", body: () => ({ cidr: '192.0.2.0/24' }) },
  'DELETE /api/v1/team/networks': { expect: 'refused', query: () => `?cidr=${encodeURIComponent(NETWORK.cidr)}` },
  'GET /api/v1/webhooks': { expect: 'own' },
  'POST /api/v1/webhooks': { expect: 'own', body: () => ({ url: 'http://127.0.0.1:9/bob', kinds: ['open'] }) },
  'GET /api/v1/webhooks/{id}': { expect: 'refused' },
  'DELETE /api/v1/webhooks/{id}': { expect: 'refused' },
  'POST /api/v1/webhooks/{id}/test': { expect: 'refused' },
  'POST /api/v1/webhooks/{id}/resume': { expect: 'refused' },
  'POST /api/v1/webhooks/{id}/rotate-secret': { expect: 'refused' },
  'GET /api/v1/webhooks/{id}/deliveries': { expect: 'refused' },
  'GET /api/v1/campaigns': { expect: 'own' },
  'POST /api/v1/campaigns': { expect: 'own', body: () => campaign('Bob campaign') },
  'GET /api/v1/campaigns/{campaignId}': { expect: 'refused' },
  'POST /api/v1/campaigns/{campaignId}/enrolments': { expect: 'refused', body: () => ({ emailToken: ids.emailToken }) },
  'POST /api/v1/campaigns/enrolments/{enrolmentId}/{action}': { expect: 'refused' },
  'PUT /api/v1/campaigns/{campaignId}': { expect: 'refused', body: () => campaign('Hijacked by Bob') },
  'POST /api/v1/self-views': {
    expect: 'refused',
    body: () => ({ token: ids.emailToken }),
    headers: { 'x-glint-device': mintId('device') },
  },
  'GET /api/v1/salesforce': { expect: 'own', note: "the caller's team's connection (none)" },
  'POST /api/v1/salesforce/connect': { expect: 'own', note: "starts a connection of the caller's own team" },
  'PUT /api/v1/salesforce/settings': { expect: 'refused', body: () => ({ engagement: ['open'], createLeads: true }) },
  'DELETE /api/v1/salesforce': { expect: 'refused' },
  'GET /api/v1/salesforce/skipped': { expect: 'own' },
  'GET /api/v1/salesforce/deliveries': { expect: 'refused' },
};

beforeAll(async () => {
  salesforce = await startFakeSalesforce();
  server = await startServer({ env: salesforceEnv(salesforce) });
  alice = await server.addUser('alice@acme.example', { team: 'acme', plan: 'team_pro' });
  bob = await server.addUser('bob@other.example', { team: 'other', plan: 'team_pro' });
  const { token } = await registerEmail(server, alice, { subject: SUBJECT });
  const document: DocumentInfo = await uploadPdf(server, alice, 1, `${TITLE}.pdf`);
  const link: DocumentLinkInfo = await documentLink(server, alice, document.id, { emailToken: token });
  const deviceId = mintId('device');
  await fetch(`${server.baseUrl}/api/v1/devices`, {
    method: 'POST',
    headers: alice.headers,
    body: JSON.stringify({ deviceId, name: 'Laptop' }),
  });
  const webhook = await json<{ webhook: { id: string } }>(
    await fetch(`${server.baseUrl}/api/v1/webhooks`, {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ url: WEBHOOK_URL, kinds: ['open', 'reply'] }),
    }),
  );
  await fetch(`${server.baseUrl}/api/v1/team/networks`, { method: 'POST', headers: alice.headers, body: JSON.stringify(NETWORK) });
  const created = await json<{ id: string }>(
    await fetch(`${server.baseUrl}/api/v1/campaigns`, {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify(campaign(CAMPAIGN_NAME)),
    }),
  );
  const enrolled = await json<{ enrolments: { id: string }[] }>(
    await fetch(`${server.baseUrl}/api/v1/campaigns/${created.id}/enrolments`, {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ emailToken: token }),
    }),
  );
  expect((await connectThroughBrowser(server.baseUrl, alice.headers)).status).toBe(200);
  const connection = await server.context.store.getSalesforceConnection(alice.user.teamId);
  await server.context.store.recordSalesforceSkip(connection?.endpointId ?? '', SKIPPED_ADDRESS, 'reply', token, new Date());
  ids = {
    emailToken: token,
    documentId: document.id,
    linkToken: link.token,
    deviceId,
    webhookId: webhook.webhook.id,
    campaignId: created.id,
    enrolmentId: enrolled.enrolments[0]?.id ?? '',
  };
});
afterAll(async () => {
  await server?.close();
  await salesforce?.close();
});

async function apiRoutes(): Promise<string[]> {
  const openapi = await json<{ paths: Record<string, Record<string, unknown>> }>(await fetch(`${server.baseUrl}/api/openapi.json`));
  return Object.entries(openapi.paths)
    .filter(([path]) => path.startsWith('/api/v1/') && !path.startsWith('/api/v1/auth/'))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
}

function urlOf(path: string, query = ''): string {
  const filled = path
    .replace('/emails/{token}', `/emails/${ids.emailToken}`)
    .replace('/webhooks/{id}', `/webhooks/${ids.webhookId}`)
    .replace('{campaignId}', ids.campaignId)
    .replace('{enrolmentId}/{action}', `${ids.enrolmentId}/stop`)
    .replace('{id}', ids.documentId)
    .replace('/links/{token}', `/links/${ids.linkToken}`);
  return `${server.baseUrl}${filled}${query}`;
}

function requestFor(route: string, entry: Case): Promise<Response> {
  const [method = 'GET', path = ''] = route.split(' ');
  if (route === 'POST /api/v1/documents') {
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n']), 'bob.pdf');
    return fetch(urlOf(path), { method, headers: { authorization: bob.headers.authorization ?? '' }, body: form });
  }
  const body = entry.body?.() ?? (method === 'PUT' || method === 'POST' ? {} : undefined);
  return fetch(urlOf(path, entry.query?.()), {
    method,
    headers: { ...bob.headers, ...entry.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('isolation matrix: another team with Alice’s ids', () => {
  it('covers every /api/v1 route the server has', async () => {
    expect((await apiRoutes()).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s', async (route, entry) => {
    const response = await requestFor(route, entry);
    const text = await response.text();
    expect(response.status, text).toBeLessThan(500);
    if (entry.expect === 'refused') expect([403, 404, 409], text).toContain(response.status);
    for (const secret of [
      ids.emailToken,
      ids.documentId,
      ids.linkToken,
      ids.deviceId,
      ids.webhookId,
      SUBJECT,
      TITLE,
      WEBHOOK_URL,
      NETWORK.label,
      SKIPPED_ADDRESS,
    ])
      expect(text.includes(secret), `${route} answered ${secret}`).toBe(false);
  });

  it("leaves Alice's email, document, link, device, webhook, team network and campaign as they were", async () => {
    const email = await json<{ subject: string; gmailThreadId: string | null }>(
      await fetch(`${server.baseUrl}/api/v1/emails/${ids.emailToken}`, { headers: alice.headers }),
    );
    expect(email).toMatchObject({ subject: SUBJECT, gmailThreadId: null });
    const document = await fetch(`${server.baseUrl}/api/v1/documents/${ids.documentId}`, { headers: alice.headers });
    expect(await json<DocumentInfo>(document)).toMatchObject({ title: TITLE, shared: false });
    const viewer = await fetch(`${server.baseUrl}/d/${ids.linkToken}/file`);
    expect(viewer.status).toBe(200);
    const devices = await json<{ devices: { deviceId: string; name: string }[] }>(
      await fetch(`${server.baseUrl}/api/v1/devices`, { headers: alice.headers }),
    );
    expect(devices.devices).toContainEqual(expect.objectContaining({ deviceId: ids.deviceId, name: 'Laptop' }));
    const webhook = await json<{ url: string; state: string }>(
      await fetch(`${server.baseUrl}/api/v1/webhooks/${ids.webhookId}`, { headers: alice.headers }),
    );
    expect(webhook).toMatchObject({ url: WEBHOOK_URL, state: 'active' });
    const networks = await json<{ networks: { cidr: string; label: string | null }[] }>(
      await fetch(`${server.baseUrl}/api/v1/team/networks`, { headers: alice.headers }),
    );
    expect(networks.networks).toEqual([expect.objectContaining(NETWORK)]);
    const detail = await json<{ campaign: { name: string }; enrolments: { id: string; state: string }[] }>(
      await fetch(`${server.baseUrl}/api/v1/campaigns/${ids.campaignId}`, { headers: alice.headers }),
    );
    expect(detail.campaign.name).toBe(CAMPAIGN_NAME);
    expect(detail.enrolments).toEqual([expect.objectContaining({ id: ids.enrolmentId, state: 'active' })]);
    const salesforceStatus = await json<{ connection: { state: string; createLeads: boolean; engagement: string[] } | null }>(
      await fetch(`${server.baseUrl}/api/v1/salesforce`, { headers: alice.headers }),
    );
    expect(salesforceStatus.connection).toMatchObject({ state: 'active', createLeads: false, engagement: [] });
  });
});
