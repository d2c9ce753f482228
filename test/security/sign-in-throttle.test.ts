// Sign-in throttling against a stranger: failing on a rep's account from many addresses slows the
// account down but never locks the rep's own browser out (a device registered to the account), and
// the stranger's own address is slowed down on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;
const aliceDevice = mintId('device');

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  alice = await server.addUser('alice@example.com', { password: 'correct horse battery' });
  const registered = await fetch(`${server.baseUrl}/api/v1/devices`, {
    method: 'POST',
    headers: alice.headers,
    body: JSON.stringify({ deviceId: aliceDevice, name: 'Work laptop' }),
  });
  expect(registered.status).toBe(200);
});
afterAll(() => server.close());

function signIn(email: string, password: string, from: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers },
    body: JSON.stringify({ email, password }),
  });
}

describe('sign-in throttling', () => {
  it("keeps the rep's known device signing in while strangers fail on the account from everywhere", async () => {
    for (let n = 1; n <= 12; n++) expect([401, 429]).toContain((await signIn('alice@example.com', 'guess', `198.51.100.${n}`)).status);
    // Anyone else trying the account now waits, however right the password ...
    const elsewhere = await signIn('alice@example.com', 'correct horse battery', '203.0.113.50');
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get('retry-after'))).toBeGreaterThan(0);
    // ... a stranger naming the device id of another account gains nothing ...
    const otherDevice = await signIn('alice@example.com', 'correct horse battery', '203.0.113.51', { 'x-glint-device': mintId('device') });
    expect(otherDevice.status).toBe(429);
    // ... and the rep's own browser signs in.
    const own = await signIn('alice@example.com', 'correct horse battery', '203.0.113.52', { 'x-glint-device': aliceDevice });
    expect(own.status).toBe(200);
    expect((await json<{ user: { email: string } }>(own)).user.email).toBe('alice@example.com');
  });

  it("slows down a stranger's address failing on many accounts, with Retry-After", async () => {
    const attempt = (n: number): Promise<Response> => signIn(`guess${n}@example.com`, 'wrong', '192.0.2.77');
    for (let n = 1; n < 10; n++) expect((await attempt(n)).status).toBe(401);
    expect((await attempt(10)).status).toBe(401);
    const blocked = await attempt(11);
    expect(blocked.status).toBe(429);
    expect((await json<{ error: { code: string } }>(blocked)).error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
