// PUT /api/v1/campaigns/:id against the real server: the author saves a campaign whole (the store
// contract covers enrolments past a removed step), a team-mate of a shared campaign is told only the
// author may change it, another team's user gets 404, and bad input is refused in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer, TestUser } from '../../support/start-server.ts';
import { EXAMPLE_CAMPAIGN, callAs, startCampaignTenants } from './campaign-api.ts';
import { registerEmail } from './helpers.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

const example = EXAMPLE_CAMPAIGN;

interface Answer {
  id: string;
  name: string;
  team: boolean;
  steps: { subject: string; body: string }[];
  enrolments: { state: string }[];
  error: { code: string; message: string };
}

const call = (user: TestUser, method: string, path: string, body?: unknown): Promise<{ status: number; body: Answer }> =>
  callAs<Answer>(server, user, method, path, body);

beforeAll(async () => {
  ({ server, alice, bob, carol } = await startCampaignTenants());
});
afterAll(() => server.close());

describe('editing a campaign', () => {
  it('saves the whole campaign for its author; an enrolment whose next step remains goes on', async () => {
    const created = await call(alice, 'POST', '/api/v1/campaigns', example);
    const { token } = await registerEmail(server, alice, { to: ['reader@example.org'] });
    const enrolled = await call(alice, 'POST', `/api/v1/campaigns/${created.body.id}/enrolments`, { emailToken: token });
    expect(enrolled.status).toBe(200);

    const edit = { ...example, name: 'Renamed', team: true, steps: [{ ...example.steps[0], subject: 'A new subject' }] };
    const saved = await call(alice, 'PUT', `/api/v1/campaigns/${created.body.id}`, edit);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: created.body.id, name: 'Renamed', team: true, steps: [{ subject: 'A new subject' }] });
    const detail = await call(alice, 'GET', `/api/v1/campaigns/${created.body.id}`);
    expect(detail.body.enrolments.map((enrolment) => enrolment.state)).toEqual(['active']);

    // Bob sees the shared campaign, but it stays Alice's to change; Carol's team does not see it.
    const byBob = await call(bob, 'PUT', `/api/v1/campaigns/${created.body.id}`, edit);
    expect(byBob.status).toBe(403);
    expect(byBob.body.error.message).toMatch(/Only the author/);
    expect((await call(carol, 'PUT', `/api/v1/campaigns/${created.body.id}`, edit)).status).toBe(404);
  });

  it('refuses a campaign left without steps, in words', async () => {
    const created = await call(alice, 'POST', '/api/v1/campaigns', example);
    const empty = await call(alice, 'PUT', `/api/v1/campaigns/${created.body.id}`, { ...example, steps: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/at least one step/);
    expect((await call(alice, 'GET', `/api/v1/campaigns/${created.body.id}`)).body).toMatchObject({ campaign: { steps: [{}, {}] } });
  });
});
