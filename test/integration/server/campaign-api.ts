// The set-up the campaign API tests share: a server with Alice and Bob in Acme and Carol in
// Globex, the example campaign file, and calls as any of them that give back status and body
// (refusals included, which the tests read as closely as successes).
import { readFileSync } from 'node:fs';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json } from './helpers.ts';

/** examples/campaign.json, as the README has a rep start from it. */
export const EXAMPLE_CAMPAIGN = JSON.parse(readFileSync(new URL('../../../examples/campaign.json', import.meta.url), 'utf8')) as {
  steps: Record<string, unknown>[];
} & Record<string, unknown>;

export interface CampaignTenants {
  server: TestServer;
  alice: TestUser;
  bob: TestUser;
  carol: TestUser;
}

export async function startCampaignTenants(): Promise<CampaignTenants> {
  const server = await startServer();
  const alice = await server.addUser('alice@acme.example', { team: 'Acme' });
  const bob = await server.addUser('bob@acme.example', { team: 'Acme' });
  const carol = await server.addUser('carol@globex.example', { team: 'Globex' });
  return { server, alice, bob, carol };
}

/** Calls the API of `server` as `user`; the status and the JSON body, whatever the status. */
export async function callAs<T>(
  server: TestServer,
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: user.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await json<T>(response) };
}
