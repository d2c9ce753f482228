// /api/v1/campaigns against the real server: campaigns created from the example file, shared with
// the team or not, tracked emails enrolled once per recipient, the rep's pause, resume and stop,
// and refusals in words (bad input, other tenants, a stopped enrolment resumed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer, TestUser } from '../../support/start-server.ts';
import { EXAMPLE_CAMPAIGN, callAs, startCampaignTenants } from './campaign-api.ts';
import { registerEmail } from './helpers.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

const example = EXAMPLE_CAMPAIGN;

interface Enrolment {
  id: string;
  recipient: string;
  state: string;
  dueAt: string | null;
  stopReason: string | null;
  blockedReason: string | null;
}

/** What the tests read of an answer: a campaign, a list, enrolments or an error. */
interface Answer {
  id: string;
  campaigns: { id: string }[];
  enrolments: Enrolment[];
  error: { message: string };
}

const call = (user: TestUser, method: string, path: string, body?: unknown): Promise<{ status: number; body: Answer }> =>
  callAs<Answer>(server, user, method, path, body);

beforeAll(async () => {
  ({ server, alice, bob, carol } = await startCampaignTenants());
});
afterAll(() => server.close());

describe('campaigns API', () => {
  it('creates a campaign from the example file with its defaults and lists it for its author only', async () => {
    const created = await call(alice, 'POST', '/api/v1/campaigns', example);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Proposal follow-up', team: false, stopSameCompany: true, steps: [{ subject: '' }, {}] });
    expect((await call(alice, 'GET', '/api/v1/campaigns')).body.campaigns.map((c) => c.id)).toContain(created.body.id);
    expect((await call(bob, 'GET', '/api/v1/campaigns')).body.campaigns).toEqual([]);
    expect((await call(bob, 'GET', `/api/v1/campaigns/${created.body.id}`)).status).toBe(404);
  });

  it('shares a team campaign with teammates, not with other teams', async () => {
    const shared = await call(alice, 'POST', '/api/v1/campaigns', { ...example, name: 'Team cadence', team: true });
    expect((await call(bob, 'GET', `/api/v1/campaigns/${shared.body.id}`)).status).toBe(200);
    const other = await call(carol, 'GET', `/api/v1/campaigns/${shared.body.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toMatch(/No such campaign/);
  });

  it('refuses a campaign without steps or with a bad time zone, in words', async () => {
    const empty = await call(alice, 'POST', '/api/v1/campaigns', { ...example, steps: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/at least one step/);
    const zone = await call(alice, 'POST', '/api/v1/campaigns', { ...example, window: { timeZone: 'Paris' } });
    expect(zone.body.error.message).toMatch(/IANA time zone/);
  });

  it('enrols the To recipients of a tracked email once, inside the window, and names a blocking merge field', async () => {
    const campaign = await call(alice, 'POST', '/api/v1/campaigns', {
      ...example,
      steps: [{ wait: { amount: 1, unit: 'hours' }, body: 'Hi {{first_name}}' }],
    });
    const { token } = await registerEmail(server, alice, { to: ['camille.martin@buyer.example', 'info@buyer.example'] });
    const path = `/api/v1/campaigns/${campaign.body.id}/enrolments`;
    const enrolled = await call(alice, 'POST', path, { emailToken: token });
    expect(enrolled.status).toBe(200);
    const [camille, info] = enrolled.body.enrolments;
    expect(camille).toMatchObject({ recipient: 'camille.martin@buyer.example', state: 'active', blockedReason: null });
    expect(info?.blockedReason).toMatch(/\{\{first_name\}\} with no value/);
    const hourInParis = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' }).format(new Date(camille?.dueAt ?? '')),
    );
    expect(hourInParis).toBeGreaterThanOrEqual(9);
    expect(hourInParis).toBeLessThan(17);
    const again = await call(alice, 'POST', path, { emailToken: token });
    expect(again.body.enrolments.map((e) => e.id)).toEqual([camille?.id, info?.id]);
    // Another rep cannot enrol Alice's email, nor see her enrolments.
    expect((await call(bob, 'POST', path, { emailToken: token })).status).toBe(404);
    expect((await call(alice, 'GET', `/api/v1/campaigns/${campaign.body.id}`)).body.enrolments).toHaveLength(2);
  });

  it('pauses, resumes and stops an enrolment; a stopped one stays stopped', async () => {
    const campaign = await call(alice, 'POST', '/api/v1/campaigns', example);
    const { token } = await registerEmail(server, alice, { to: ['reader@buyer.example'] });
    const [enrolment] = (await call(alice, 'POST', `/api/v1/campaigns/${campaign.body.id}/enrolments`, { emailToken: token })).body
      .enrolments;
    const path = (action: string) => `/api/v1/campaigns/enrolments/${enrolment?.id}/${action}`;
    expect((await call(bob, 'POST', path('pause'))).status).toBe(404);
    expect((await call(alice, 'POST', path('pause'))).body).toMatchObject({ state: 'paused', stopReason: 'rep' });
    expect((await call(alice, 'POST', path('resume'))).body).toMatchObject({ state: 'active', stopReason: null });
    expect((await call(alice, 'POST', path('stop'))).body).toMatchObject({ state: 'stopped', stopReason: 'rep', dueAt: null });
    const resumed = await call(alice, 'POST', path('resume'));
    expect(resumed.status).toBe(409);
    expect(resumed.body.error.message).toBe('This enrolment is stopped (rep): it cannot be resumed.');
  });
});
