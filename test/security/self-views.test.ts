// Self-view beacons from a stranger: only the email's owner may say "I opened my own message"
// (before registration: a token minted with the caller's signing key), at a person's pace, and
// nothing another account posts can push the owner's own views out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { mintId } from '../../src/shared/ids.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { registerEmail } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;
let mallory: TestUser;
const aliceDevice = mintId('device');
const malloryDevice = mintId('device');

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser('alice@acme.example', { team: 'acme' });
  mallory = await server.addUser('mallory@other.example', { team: 'other' });
});
afterAll(() => server.close());

function postSelfView(user: TestUser, device: string, token: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/self-views`, {
    method: 'POST',
    headers: { ...user.headers, 'x-glint-device': device },
    body: JSON.stringify({ token }),
  });
}

describe('self-view beacons', () => {
  it("refuses another account's beacons for a registered email and keeps the owner's views", async () => {
    const { token } = await registerEmail(server, alice);
    expect((await postSelfView(alice, aliceDevice, token)).status).toBe(200);
    const refused = await postSelfView(mallory, malloryDevice, token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/your own/);
    // Rows another account slipped in (as before this check) cannot evict the owner's view.
    for (let n = 0; n < 120; n++) {
      await server.context.store.addSelfView(token, { userId: mallory.user.id, deviceId: malloryDevice, at: new Date() });
    }
    const views = await server.context.store.listSelfViews(token, alice.user.id, new Date(0));
    expect(views.map((view) => view.deviceId)).toEqual([aliceDevice]);
  });

  it('accepts a beacon before registration only for a token minted with the caller’s key', async () => {
    const alicesToken = mintEmailToken(alice.signingKey);
    expect((await postSelfView(alice, aliceDevice, alicesToken)).status).toBe(200);
    expect((await postSelfView(mallory, malloryDevice, mintEmailToken(alice.signingKey))).status).toBe(403);
    expect((await postSelfView(alice, aliceDevice, mintEmailToken())).status).toBe(403);
  });

  it('rate-limits beacons per user, leaving other users alone', async () => {
    const { token } = await registerEmail(server, mallory);
    const statuses: number[] = [];
    for (let n = 0; n < 80; n++) statuses.push((await postSelfView(mallory, malloryDevice, token)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    const { token: alicesToken } = await registerEmail(server, alice);
    expect((await postSelfView(alice, aliceDevice, alicesToken)).status).toBe(200);
  });
});
