// An email to several prospects, logged to Salesforce for the people it concerns rather than for
// whoever came first in To: a reply's Task goes on the person who wrote it and is related to the
// other recipients who are Contacts; an open (anyone's) goes on every recipient Salesforce knows.
// The fake Salesforce enforces the TaskRelation rules (one Lead or up to 50 Contacts per Task;
// no TaskRelation at all without Shared Activities), so the product is held to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { until } from '../../support/until.ts';
import { openPixel, registerEmail } from '../server/helpers.ts';
import { connectThroughBrowser, putSettings, salesforceEnv, storeReply } from '../../support/salesforce-harness.ts';

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

async function connectedRep(engagement: string[] = []): Promise<TestUser> {
  teams += 1;
  const rep = await server.addUser(undefined, { team: `sf-people-${teams}-${Date.now()}` });
  expect((await connectThroughBrowser(server.baseUrl, rep.headers)).status).toBe(200);
  await putSettings(server, rep, { engagement, createLeads: false });
  return rep;
}

/** A Contact (003...) or Lead (00Q...) with a fresh 18-character id; its address. */
function person(type: 'Contact' | 'Lead', name: string): { id: string; email: string } {
  const id = `${type === 'Contact' ? '003' : '00Q'}${String(teams).padStart(3, '0')}${name}`.padEnd(18, '0').slice(0, 18);
  const email = `${name}-${teams}@acme.example`;
  if (type === 'Contact') fake.contacts.push({ Id: id, Email: email });
  else fake.leads.push({ Id: id, Email: email, IsConverted: false });
  return { id, email };
}

const tasksOn = (whoId: string) => fake.tasks.filter((task) => task.WhoId === whoId);

describe('a reply to an email sent to two prospects', () => {
  it('is logged on the one who replied and related to the other Contact', async () => {
    const rep = await connectedRep();
    const alice = person('Contact', 'alice');
    const bob = person('Contact', 'bob');
    const { token } = await registerEmail(server, rep, { subject: 'Pricing', to: [alice.email, bob.email] });
    await storeReply(server, rep, token, bob.email, 'Bob here: send the contract.');
    await fake.until(() => tasksOn(bob.id).length === 1 && fake.whoIdsOf(String(tasksOn(bob.id)[0]?.Id)).length === 2);
    const task = tasksOn(bob.id)[0];
    expect(task).toMatchObject({ Subject: 'Reply: Pricing', Status: 'Completed' });
    expect(String(task?.Description)).toMatch(new RegExp(`^Bob here: send the contract\\.\\n\\nFrom Dana Shaw <${bob.email}>\\n`));
    expect(fake.whoIdsOf(String(task?.Id))).toEqual([bob.id, alice.id]);
    expect(tasksOn(alice.id)).toEqual([]);
  });

  it('is logged once when the session expires between the Task and its relations', async () => {
    const rep = await connectedRep();
    const alice = person('Contact', 'alice');
    const bob = person('Contact', 'bob');
    const { token } = await registerEmail(server, rep, { subject: 'Renewal', to: [alice.email, bob.email] });
    fake.expireAfterNextTask();
    await storeReply(server, rep, token, alice.email, 'Alice: yes.');
    await fake.until(() => tasksOn(alice.id).length > 0 && fake.whoIdsOf(String(tasksOn(alice.id)[0]?.Id)).length === 2);
    const deliveries = await until(
      'the reply delivered',
      async () =>
        (await (await fetch(`${server.baseUrl}/api/v1/salesforce/deliveries`, { headers: rep.headers })).json()) as {
          deliveries: { status: string }[];
        },
      (read) => read.deliveries[0]?.status === 'delivered',
    );
    expect(deliveries.deliveries).toMatchObject([{ status: 'delivered' }]);
    expect(tasksOn(alice.id)).toHaveLength(1);
    expect(fake.whoIdsOf(String(tasksOn(alice.id)[0]?.Id))).toEqual([alice.id, bob.id]);
  });
});

describe('opens of an email sent to several recipients', () => {
  it('go on one Task a day related to every Contact among them', async () => {
    const rep = await connectedRep(['open']);
    const alice = person('Contact', 'alice');
    const bob = person('Contact', 'bob');
    const { token } = await registerEmail(server, rep, { subject: 'Agenda', to: [alice.email, bob.email] });
    expect((await openPixel(server, token, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
    await fake.until(() => tasksOn(alice.id).length === 1 && fake.whoIdsOf(String(tasksOn(alice.id)[0]?.Id)).length === 2);
    expect(fake.whoIdsOf(String(tasksOn(alice.id)[0]?.Id))).toEqual([alice.id, bob.id]);
    expect(tasksOn(alice.id)[0]).toMatchObject({ Subject: 'Email opened: Agenda', Description: expect.stringMatching(/^Opened once/) });
  });

  it('prefer the Contacts to a Lead, which cannot share a Task, and list unknown addresses as skipped', async () => {
    const rep = await connectedRep(['open']);
    const lead = person('Lead', 'lena');
    const carol = person('Contact', 'carol');
    const stranger = `stranger-${teams}@nowhere.example`;
    const { token } = await registerEmail(server, rep, { subject: 'Deck', to: [lead.email, stranger, carol.email] });
    expect((await openPixel(server, token, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    await fake.until(() => tasksOn(carol.id).length === 1);
    expect(fake.whoIdsOf(String(tasksOn(carol.id)[0]?.Id))).toEqual([carol.id]);
    expect(tasksOn(lead.id)).toEqual([]);
    const skipped = await until(
      'the stranger listed as skipped',
      async () =>
        (await (await fetch(`${server.baseUrl}/api/v1/salesforce/skipped`, { headers: rep.headers })).json()) as {
          skipped: { address: string; lastKind: string }[];
        },
      (read) => read.skipped.length > 0,
    );
    expect(skipped.skipped).toMatchObject([{ address: stranger, lastKind: 'open' }]);
  });

  it('go on a Lead alone when no recipient is a Contact', async () => {
    const rep = await connectedRep(['open']);
    const first = person('Lead', 'lars');
    const second = person('Lead', 'lotte');
    const { token } = await registerEmail(server, rep, { subject: 'Intro', to: [first.email, second.email] });
    expect((await openPixel(server, token, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(200);
    await fake.until(() => tasksOn(first.id).length === 1);
    expect(fake.whoIdsOf(String(tasksOn(first.id)[0]?.Id))).toEqual([first.id]);
    expect(tasksOn(second.id)).toEqual([]);
  });

  it('stay on the first Contact, delivered, when the org has no Shared Activities', async () => {
    const rep = await connectedRep(['open']);
    const dave = person('Contact', 'dave');
    const erin = person('Contact', 'erin');
    const { token } = await registerEmail(server, rep, { subject: 'Terms', to: [dave.email, erin.email] });
    fake.sharedActivities = false;
    try {
      expect((await openPixel(server, token, { 'x-forwarded-for': '198.51.100.10' })).status).toBe(200);
      const deliveries = await until(
        'the open delivered',
        async () =>
          (await (await fetch(`${server.baseUrl}/api/v1/salesforce/deliveries`, { headers: rep.headers })).json()) as {
            deliveries: { status: string; attempts: number }[];
          },
        (read) => read.deliveries[0]?.status === 'delivered',
      );
      expect(deliveries.deliveries).toMatchObject([{ status: 'delivered', attempts: 1 }]);
      expect(fake.whoIdsOf(String(tasksOn(dave.id)[0]?.Id))).toEqual([dave.id]);
      expect(fake.taskRelations.filter((relation) => relation.RelationId === erin.id)).toEqual([]);
    } finally {
      fake.sharedActivities = true;
    }
  });
});
