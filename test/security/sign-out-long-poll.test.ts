// Sign-out ends what the token can read at once, also for a long-poll that was already waiting
// when the token was revoked: its answer is a 401, never the events that arrived meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json, openPixel, readFeed, registerEmail } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser('alice@example.com', { password: 'correct horse battery' });
});
afterAll(() => server.close());

async function signIn(): Promise<Record<string, string>> {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'alice@example.com', password: 'correct horse battery' }),
  });
  const { apiToken } = await json<{ apiToken: string }>(response);
  return { authorization: `Bearer ${apiToken}` };
}

const waitForWaiter = async (): Promise<void> => {
  while (server.context.hub.waiterCount() === 0) await new Promise((resolve) => setImmediate(resolve));
};

describe('a long-poll waiting across a sign-out', () => {
  it('answers 401 without the events that arrived after the token was revoked', async () => {
    const { token } = await registerEmail(server, alice);
    const headers = await signIn();
    const { cursor } = await readFeed(server, alice);
    const poll = fetch(`${server.baseUrl}/api/v1/feed?cursor=${cursor}&wait=20`, { headers });
    await waitForWaiter();
    const out = await fetch(`${server.baseUrl}/api/v1/auth/sign-out`, { method: 'POST', headers });
    expect(out.status).toBe(200);
    await openPixel(server, token);
    const answer = await poll;
    expect(answer.status).toBe(401);
    expect(JSON.stringify(await answer.json())).not.toContain(token);
    // The token that stayed signed in still reads the open.
    expect((await readFeed(server, alice, `?cursor=${cursor}`)).events).toHaveLength(1);
  });
});
