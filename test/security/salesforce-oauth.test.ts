// The Salesforce connection's OAuth flow against a hostile caller: the callback carries no Glint
// token, so its state is what binds it to the team, and the consent page is what tells the person
// who signed in to Salesforce which team they would connect. Opening the callback (a link sent
// to another team's administrator) connects nothing; only the page's own POST does, never one
// from another site; a state is used once, a made-up or expired one connects nothing, and the
// page shows a hostile team name as plain text and cannot be framed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../support/fake-salesforce.ts';
import { consentAndConnect, postConsent, salesforceEnv, signInAtSalesforce } from '../support/salesforce-harness.ts';
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
  const callback = await signInAtSalesforce(server.baseUrl, rep.headers);
  expect(callback.startsWith(`${server.baseUrl}/salesforce/callback?`)).toBe(true);
  return callback;
}

const codeRequests = () => fake.tokenRequests.filter((request) => request.grant_type === 'authorization_code').length;

describe('Salesforce OAuth consent', () => {
  it('names the team and the user on the page, and a GET alone connects nothing', async () => {
    const rep = await server.addUser('starter@acme.example', { team: 'Acme Sales' });
    const callback = await callbackUrlFor(rep);
    const before = codeRequests();
    const page = await fetch(callback, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Connect Salesforce to the Glint team “Acme Sales”, started by <strong>starter@acme.example</strong>?');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    // The page's own POST must carry its Origin: under no-referrer a browser would send "null".
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect((await fetch(callback)).status).toBe(200);
    expect(codeRequests()).toBe(before);
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toBeNull();
  });

  it('speaks French and Dutch', async () => {
    const rep = await server.addUser(undefined, { team: 'Équipe' });
    const callback = await callbackUrlFor(rep);
    const fr = await (await fetch(callback, { headers: { 'accept-language': 'fr-BE,fr;q=0.9' } })).text();
    expect(fr).toContain('Connecter Salesforce à l’équipe Glint “Équipe”');
    const nl = await (await fetch(callback, { headers: { 'accept-language': 'nl' } })).text();
    expect(nl).toContain('Salesforce koppelen aan het Glint-team “Équipe”');
  });

  it('shows a hostile team name as plain text', async () => {
    const rep = await server.addUser(undefined, { team: '<script>alert(1)</script>"><img src=x>' });
    const html = await (await fetch(await callbackUrlFor(rep))).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#62;&#60;img src=x&#62;');
  });

  it('refuses a POST from another site, or with no origin at all, and keeps the state', async () => {
    const rep = await server.addUser(undefined, { team: 'csrf-team' });
    const callback = await callbackUrlFor(rep);
    const before = codeRequests();
    const crossSite = await postConsent(callback, 'connect', 'https://attacker.example');
    expect(crossSite.status).toBe(403);
    const nullOrigin = await postConsent(callback, 'connect', 'null');
    expect(nullOrigin.status).toBe(403);
    const fetchMetadata = await fetch(`${server.baseUrl}/salesforce/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl, 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ state: new URL(callback).searchParams.get('state') ?? '', code: 'x', decision: 'connect' }).toString(),
    });
    expect(fetchMetadata.status).toBe(403);
    const noOrigin = await fetch(`${server.baseUrl}/salesforce/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: new URL(callback).searchParams.get('state') ?? '', code: 'x', decision: 'connect' }).toString(),
    });
    expect(noOrigin.status).toBe(403);
    expect(codeRequests()).toBe(before);
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toBeNull();
    expect((await consentAndConnect(callback)).status).toBe(200);
    expect((await server.context.store.getSalesforceConnection(rep.user.teamId))?.connectedBy).toBe(rep.user.id);
  });

  it('connects once per state: a replayed Connect is refused and changes nothing', async () => {
    const rep = await server.addUser(undefined, { team: 'replay-team' });
    const callback = await callbackUrlFor(rep);
    const connected = await consentAndConnect(callback);
    expect(connected.status).toBe(200);
    expect(await connected.text()).toContain('Salesforce is connected');
    const connection = await server.context.store.getSalesforceConnection(rep.user.teamId);
    const replay = await postConsent(callback, 'connect');
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was used already');
    expect((await fetch(callback)).status).toBe(400);
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toEqual(connection);
  });

  it('Cancel discards the state: nothing is connected, and Connect no longer works', async () => {
    const rep = await server.addUser(undefined, { team: 'cancel-team' });
    const callback = await callbackUrlFor(rep);
    expect((await fetch(callback)).status).toBe(200);
    const cancelled = await postConsent(callback, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Connection cancelled');
    expect((await postConsent(callback, 'connect')).status).toBe(400);
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toBeNull();
  });

  it('refuses a made-up state and a callback without a code', async () => {
    const forged = await fetch(`${server.baseUrl}/salesforce/callback?code=abc&state=${'A'.repeat(43)}`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).not.toContain('<form');
    const forgedPost = await postConsent(`${server.baseUrl}/salesforce/callback?code=abc&state=${'A'.repeat(43)}`, 'connect');
    expect(forgedPost.status).toBe(400);
    const incomplete = await fetch(`${server.baseUrl}/salesforce/callback?state=abc`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it("only ever connects the team that started it, never another team's connection", async () => {
    const alice = await server.addUser(undefined, { team: 'alice-team' });
    const bob = await server.addUser(undefined, { team: 'bob-team' });
    expect((await consentAndConnect(await callbackUrlFor(alice))).status).toBe(200);
    const alicesBefore = await server.context.store.getSalesforceConnection(alice.user.teamId);
    // Bob's state, completed by someone who pressed Connect on Bob's page: Bob's team is connected.
    expect((await consentAndConnect(await callbackUrlFor(bob))).status).toBe(200);
    expect(await server.context.store.getSalesforceConnection(alice.user.teamId)).toEqual(alicesBefore);
    const bobs = await server.context.store.getSalesforceConnection(bob.user.teamId);
    expect(bobs?.endpointId).not.toBe(alicesBefore?.endpointId);
    expect(bobs?.connectedBy).toBe(bob.user.id);
  });

  it('spends the state when Salesforce answers with an error', async () => {
    const rep = await server.addUser(undefined, { team: 'declined-team' });
    const callback = await callbackUrlFor(rep);
    const state = new URL(callback).searchParams.get('state') ?? '';
    const declined = await fetch(`${server.baseUrl}/salesforce/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(declined.status).toBe(400);
    expect((await fetch(callback)).status).toBe(400);
    expect((await postConsent(callback, 'connect')).status).toBe(400);
    expect(await server.context.store.getSalesforceConnection(rep.user.teamId)).toBeNull();
  });
});
