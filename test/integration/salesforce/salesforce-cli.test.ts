// `glint salesforce ...` against the real server and the fake Salesforce: connect prints the URL
// a browser opens, status and settings say what is logged, skipped lists unknown senders, and
// disconnect removes the connection. Output is stable and --json prints one object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_ID, startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce.ts';
import { glintCommand, type GlintResult } from '../../support/glint-serve.ts';
import { consentAndConnect, salesforceEnv } from '../../support/salesforce-harness.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';

let fake: FakeSalesforce;
let server: TestServer;
let rep: TestUser;
let glint: (...args: string[]) => Promise<GlintResult>;

beforeAll(async () => {
  fake = await startFakeSalesforce();
  server = await startServer({ env: salesforceEnv(fake) });
  rep = await server.addUser(undefined, { team: 'cli-team' });
  glint = glintCommand({ ...process.env, GLINT_TOKEN: rep.apiToken, GLINT_SERVER: server.baseUrl });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('glint salesforce', () => {
  // One command a step at most twice: each starts a Node process, slow on a busy machine.
  it('says when the team is not connected, and prints the URL that connects it', async () => {
    const before = await glint('salesforce', 'status');
    expect(before).toMatchObject({ code: 0, stdout: 'Not connected. Run `glint salesforce connect` and open the URL it prints.\n' });

    const connect = await glint('salesforce', 'connect', '--json');
    expect(connect.code).toBe(0);
    const { authorizeUrl } = JSON.parse(connect.stdout) as { authorizeUrl: string };
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect((await consentAndConnect(consent.headers.get('location') ?? '')).status).toBe(200);
  });

  it('shows and changes what is logged, without a token in sight', async () => {
    const status = await glint('salesforce', 'status');
    expect(status.stdout).toContain(`Connected to admin@acme.example (${ORG_ID}) at ${fake.url} since `);
    expect(status.stdout).toContain('Logs: replies\n');
    const changed = await glint('salesforce', 'settings', '--engagement', 'open,click', '--create-leads', 'on', '--json');
    expect(JSON.parse(changed.stdout)).toMatchObject({ connection: { engagement: ['open', 'click'], createLeads: true, state: 'active' } });
    expect(changed.stdout).not.toMatch(/5Aep|refresh/i);
  });

  it('lists skipped senders and refuses an unknown engagement kind', async () => {
    const endpointId = (await server.context.store.getSalesforceConnection(rep.user.teamId))?.endpointId ?? '';
    await server.context.store.recordSalesforceSkip(endpointId, 'nobody@unknown.example', 'reply', 'tok', new Date('2026-12-03T10:00:00Z'));
    const skipped = await glint('salesforce', 'skipped');
    expect(skipped.stdout).toBe('nobody@unknown.example  reply  1x  last 2026-12-03T10:00:00.000Z\n');

    const bad = await glint('salesforce', 'settings', '--engagement', 'bounce', '--create-leads', 'on');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--engagement takes open, click, doc_open or none (not bounce)');
  });

  it('disconnects, once', async () => {
    expect(await glint('salesforce', 'disconnect')).toMatchObject({ code: 0, stdout: 'Disconnected from Salesforce.\n' });
    expect((await glint('salesforce', 'disconnect')).code).toBe(1);
  });
});
