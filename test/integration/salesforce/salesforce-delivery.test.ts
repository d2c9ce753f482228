// Salesforce logging against a local fake Salesforce (test/support/fake-salesforce.ts), through
// the jsforce client the product uses: a reply becomes a completed email Task on the Contact,
// else the Lead, else a new Lead or a skipped address; an expired session is refreshed once; a
// refused refresh token pauses the connection with nothing lost; the API limit is retried; opens
// are one Task a day with their count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { ORG_ID, startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { openPixel, registerEmail } from '../server/helpers.ts';
import { connectThroughBrowser, putSettings, salesforceEnv, statusOf, storeReply } from '../../support/salesforce-harness.ts';

let fake: FakeSalesforce;
let server: TestServer;
let teams = 0;

beforeAll(async () => {
  fake = await startFakeSalesforce();
  server = await startServer({ env: salesforceEnv(fake) });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

async function connectedRep(): Promise<TestUser> {
  teams += 1;
  const rep = await server.addUser(undefined, { team: `sf-team-${teams}-${Date.now()}` });
  const callback = await connectThroughBrowser(server.baseUrl, rep.headers);
  expect(callback.status).toBe(200);
  expect(await callback.text()).toContain('Salesforce is connected');
  return rep;
}

const tasksOn = (whoId: string) => fake.tasks.filter((task) => task.WhoId === whoId);

describe('Salesforce connection', () => {
  it('connects through PKCE and never shows the tokens', async () => {
    const rep = await connectedRep();
    const exchange = fake.tokenRequests.find((request) => request.grant_type === 'authorization_code');
    expect(exchange?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const status = await statusOf(server.baseUrl, rep);
    expect(status).toMatchObject({
      configured: true,
      connection: { instanceUrl: fake.url, account: `admin@acme.example (${ORG_ID})`, state: 'active', engagement: [], createLeads: false },
    });
    const shown = JSON.stringify(status);
    for (const request of fake.tokenRequests) expect(shown).not.toContain(request.refresh_token ?? '(none)');
    const stored = await server.context.store.getSalesforceConnection(rep.user.teamId);
    expect(stored?.sealedRefreshToken).toMatch(/^v1\./);
    expect(server.context.box.open(stored?.sealedRefreshToken ?? '')).toMatch(/^5Aep/);
  });
});

describe('replies to Salesforce', () => {
  it('logs a completed email Task on the Contact, found with an escaped query', async () => {
    const rep = await connectedRep();
    const address = `o'brien\\"x-${teams}@acme.example`;
    fake.contacts.push({ Id: `003C${teams}ontact000001`.slice(0, 18), Email: address });
    const contactId = fake.contacts.at(-1)?.Id ?? '';
    // The mail client's From may hold what a To field would not: quotes, a backslash.
    const { token, response } = await registerEmail(server, rep, { subject: 'Pricing', to: ['buyer@acme.example'] });
    expect(response.status).toBe(201);
    await storeReply(server, rep, token, address, 'Yes, please send the contract.');
    await fake.until(() => tasksOn(contactId).length === 1);
    expect(tasksOn(contactId)[0]).toMatchObject({
      Subject: 'Reply: Pricing',
      Status: 'Completed',
      TaskSubtype: 'Email',
      ActivityDate: new Date().toISOString().slice(0, 10),
    });
    expect(String(tasksOn(contactId)[0]?.Description)).toMatch(/^Yes, please send the contract\./);
    expect(fake.queries).toContain(`SELECT Id FROM Contact WHERE Email = 'o\\'brien\\\\\\"x-${teams}@acme.example' LIMIT 1`);
  });

  it('logs it on the Lead when no Contact has the address', async () => {
    const rep = await connectedRep();
    const address = `lead-${teams}@prospect.example`;
    fake.leads.push({ Id: `00Q00000000000${teams}`.padEnd(18, '0').slice(0, 18), Email: address, IsConverted: false });
    const leadId = fake.leads.at(-1)?.Id ?? '';
    const { token } = await registerEmail(server, rep, { subject: 'Demo', to: [address] });
    await storeReply(server, rep, token, address, 'Tuesday works.');
    await fake.until(() => tasksOn(leadId).length === 1);
    expect(tasksOn(leadId)[0]).toMatchObject({ Subject: 'Reply: Demo', Status: 'Completed' });
  });

  it('lists an unknown address as skipped, or creates a Lead when the team wants it', async () => {
    const rep = await connectedRep();
    const stranger = `stranger-${teams}@nowhere.example`;
    const { token } = await registerEmail(server, rep, { subject: 'Hello', to: [stranger] });
    await storeReply(server, rep, token, stranger, 'Who is this?');
    const skipped = async () =>
      (await (await fetch(`${server.baseUrl}/api/v1/salesforce/skipped`, { headers: rep.headers })).json()) as {
        skipped: { address: string; times: number }[];
      };
    const list = await until('the stranger listed as skipped', skipped, (read) => read.skipped.length > 0);
    expect(list.skipped).toMatchObject([{ address: stranger, times: 1, lastKind: 'reply' }]);

    await putSettings(server, rep, { engagement: [], createLeads: true });
    const newcomer = `newcomer-${teams}@startup.example`;
    await storeReply(server, rep, token, newcomer, 'Interested.');
    await fake.until(() => fake.leads.some((lead) => lead.Email === newcomer));
    const lead = fake.leads.find((record) => record.Email === newcomer);
    expect(lead).toMatchObject({ LastName: 'Shaw', FirstName: 'Dana', Company: 'startup.example' });
    await fake.until(() => tasksOn(lead?.Id ?? '').length === 1);
  });

  it('refreshes an expired session once and logs the Task once', async () => {
    const rep = await connectedRep();
    const address = `expired-${teams}@acme.example`;
    fake.contacts.push({ Id: `003E${teams}xpired0000001`.slice(0, 18), Email: address });
    const contactId = fake.contacts.at(-1)?.Id ?? '';
    const { token } = await registerEmail(server, rep, { subject: 'Renewal', to: [address] });
    // A first delivery makes the server hold an access token; then it expires.
    await storeReply(server, rep, token, address, 'First.');
    await fake.until(() => tasksOn(contactId).length === 1);
    fake.expireSessions();
    const refreshes = fake.tokenRequests.filter((request) => request.grant_type === 'refresh_token').length;
    await storeReply(server, rep, token, address, 'Second.');
    await fake.until(() => tasksOn(contactId).length === 2);
    expect(fake.tokenRequests.filter((request) => request.grant_type === 'refresh_token')).toHaveLength(refreshes + 1);
    expect(tasksOn(contactId).map((task) => String(task.Description).split('\n')[0])).toEqual(['First.', 'Second.']);
  });

  it('pauses the connection on invalid_grant and delivers everything after a reconnect', async () => {
    const rep = await connectedRep();
    const address = `revoked-${teams}@acme.example`;
    fake.contacts.push({ Id: `003R${teams}evoked0000001`.slice(0, 18), Email: address });
    const contactId = fake.contacts.at(-1)?.Id ?? '';
    fake.expireSessions();
    fake.revokeRefreshTokens();
    const { token } = await registerEmail(server, rep, { subject: 'Quote', to: [address] });
    await storeReply(server, rep, token, address, 'One.');
    await storeReply(server, rep, token, address, 'Two.');
    const status = await until(
      'the connection paused',
      () => statusOf(server.baseUrl, rep),
      (read) => read.connection?.state === 'paused',
    );
    expect(status.connection).toMatchObject({ state: 'paused', pending: 2 });
    expect(status.connection?.stateReason).toMatch(/connect again/);
    expect(tasksOn(contactId)).toHaveLength(0);

    expect((await connectThroughBrowser(server.baseUrl, rep.headers)).status).toBe(200);
    await fake.until(() => tasksOn(contactId).length === 2);
    expect(tasksOn(contactId).map((task) => String(task.Description).split('\n')[0])).toEqual(['One.', 'Two.']);
    expect((await statusOf(server.baseUrl, rep)).connection).toMatchObject({ state: 'active' });
  });

  it('backs off and retries when the API request limit is reached', async () => {
    const rep = await connectedRep();
    const address = `limited-${teams}@acme.example`;
    fake.contacts.push({ Id: `003L${teams}imited0000001`.slice(0, 18), Email: address });
    const contactId = fake.contacts.at(-1)?.Id ?? '';
    const { token } = await registerEmail(server, rep, { subject: 'Busy', to: [address] });
    fake.limitNext(2);
    await storeReply(server, rep, token, address, 'Later.');
    await fake.until(() => tasksOn(contactId).length === 1);
    const deliveries = async () =>
      (await (await fetch(`${server.baseUrl}/api/v1/salesforce/deliveries`, { headers: rep.headers })).json()) as {
        deliveries: { status: string; attempts: number; lastStatus: number | null }[];
      };
    // The outcome is recorded just after Salesforce answered.
    const log = await until('the reply delivered', deliveries, (read) => read.deliveries[0]?.status === 'delivered');
    expect(log.deliveries).toMatchObject([{ status: 'delivered', attempts: 3, lastStatus: 201 }]);
  });
});

describe('engagement in Salesforce', () => {
  it('logs the opens of an email as one Task a day with their count', async () => {
    const rep = await connectedRep();
    await putSettings(server, rep, { engagement: ['open'], createLeads: false });
    const address = `opens-${teams}@acme.example`;
    fake.contacts.push({ Id: `003O${teams}pens00000001`.slice(0, 18), Email: address });
    const contactId = fake.contacts.at(-1)?.Id ?? '';
    const { token } = await registerEmail(server, rep, { subject: 'Agenda', to: [address] });
    for (let open = 1; open <= 3; open++) {
      expect((await openPixel(server, token, { 'x-forwarded-for': `198.51.100.${open}` })).status).toBe(200);
      await fake.until(() =>
        String(tasksOn(contactId)[0]?.Description ?? '').startsWith(open === 1 ? 'Opened once' : `Opened ${open} times`),
      );
    }
    expect(tasksOn(contactId)).toHaveLength(1);
    expect(tasksOn(contactId)[0]).toMatchObject({ Subject: 'Email opened: Agenda', Status: 'Completed', TaskSubtype: 'Email' });
  });
});
