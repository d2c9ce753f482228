// The Salesforce connection's OAuth flow against a hostile caller: the callback carries no Glint
// token, so its state is what binds it. A state is used once (a replayed callback connects
// nothing), a made-up or expired state connects nothing, and a state started by one team only
// ever connects that team: another team's connection is left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../support/fake-salesforce.ts';
import { salesforceEnv } from '../support/salesforce-harness.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

let fake: FakeSalesforce;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeSalesforce();
  server = await startServer({ env: salesforceEnv(fake) });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

/** Starts a connection as `rep` and lets the fake Salesforce sign in: the callback URL it returns to. */
async function callbackUrlFor(rep: TestUser): Promise<string> {
  const started = await fetch(`${server.baseUrl}/api/v1/salesforce/connect`, {
    method: 'POST',
    headers: { authorization: rep.headers.authorization ?? '' },
  });
  const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
  const url = new URL(authorizeUrl);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}/salesforce/callback`);
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  return consent.headers.get('location') ?? '';
}

describe('Salesforce OAuth state', () => {
  it('connects once per state: a replayed callback is refused and changes nothing', async () => {
    const rep = await server.addUser(undefined, { team: 'replay-team' });
    const callback = await callbackUrlFor(rep);
    expect((await fetch(callback)).status).toBe(200);
    const connected = await server.context.store.getSalesforceConnection(rep.user.teamId);
    const replay = await fetch(callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was used already');
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toEqual(connected);
  });

  it('refuses a made-up state and a callback without a code', async () => {
    const forged = await fetch(`${server.baseUrl}/salesforce/callback?code=abc&state=${'A'.repeat(43)}`);
    expect(forged.status).toBe(400);
    const incomplete = await fetch(`${server.baseUrl}/salesforce/callback?state=abc`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it("only ever connects the team that started it, never another team's connection", async () => {
    const alice = await server.addUser(undefined, { team: 'alice-team' });
    const bob = await server.addUser(undefined, { team: 'bob-team' });
    expect((await fetch(await callbackUrlFor(alice))).status).toBe(200);
    const alicesBefore = await server.context.store.getSalesforceConnection(alice.user.teamId);
    // Bob's state, completed (say, by Alice's browser tricked into it): Bob's team is connected.
    expect((await fetch(await callbackUrlFor(bob))).status).toBe(200);
    expect(await server.context.store.getSalesforceConnection(alice.user.teamId)).toEqual(alicesBefore);
    const bobs = await server.context.store.getSalesforceConnection(bob.user.teamId);
    expect(bobs?.endpointId).not.toBe(alicesBefore?.endpointId);
    expect(bobs?.connectedBy).toBe(bob.user.id);
  });

  it('spends the state when Salesforce answers with an error', async () => {
    const rep = await server.addUser(undefined, { team: 'declined-team' });
    const callback = new URL(await callbackUrlFor(rep));
    const state = callback.searchParams.get('state') ?? '';
    const declined = await fetch(`${server.baseUrl}/salesforce/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(declined.status).toBe(400);
    expect((await fetch(callback)).status).toBe(400);
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toBeNull();
  });
});
