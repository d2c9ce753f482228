// Sign-in, bearer auth, /me and devices against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json } from './helpers.ts';

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser('alice@example.com', { password: 'correct horse battery', team: 'Acme', plan: 'team_pro' });
});
afterAll(() => server.close());

const signIn = (email: string, password: string): Promise<Response> =>
  fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('sign-in', () => {
  it('gives a working API token, the user and their signing key for the right password', async () => {
    const response = await signIn('Alice@Example.com', 'correct horse battery');
    expect(response.status).toBe(200);
    const body = await json<{
      apiToken: string;
      user: { email: string; teamName: string; plan: string };
      signingKey: { kid: string; secret: string };
    }>(response);
    expect(body.apiToken).toMatch(/^gl_/);
    expect(body.user).toMatchObject({ email: 'alice@example.com', teamName: 'Acme', plan: 'team_pro' });
    expect(body.signingKey).toEqual(alice.signingKey);
    const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${body.apiToken}` } });
    expect(me.status).toBe(200);
    expect((await json<{ user: { id: string } }>(me)).user.id).toBe(alice.user.id);
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await signIn('alice@example.com', 'nope');
    const unknown = await signIn('nobody@example.com', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await json(wrong)).toEqual(await json(unknown));
  });

  it('answers a malformed sign-in with 400 naming the field', async () => {
    const response = await signIn('not-an-email', 'x');
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; message: string } }>(response);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('body.email');
  });
});

describe('sign-in throttling', () => {
  it('counts an IPv6 client by its /64, so rotating addresses does not escape the limit', async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: 'true' } });
    try {
      const attempt = (n: number): Promise<Response> =>
        fetch(`${proxied.baseUrl}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `2001:db8:7:7::${n.toString(16)}` },
          // A new email each time: only the network key can stop this.
          body: JSON.stringify({ email: `guess${n}@example.com`, password: 'wrong' }),
        });
      for (let n = 1; n <= 10; n++) expect((await attempt(n)).status).toBe(401);
      const blocked = await attempt(11);
      expect(blocked.status).toBe(429);
      expect((await json<{ error: { code: string } }>(blocked)).error.code).toBe('too_many_attempts');
      // Says when to come back, in the header a client reads and in the sentence a person reads.
      const wait = Number(blocked.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
    } finally {
      await proxied.close();
    }
  });
});

describe('sign-out', () => {
  it('revokes the token of the request only, at once', async () => {
    const signedIn = async (): Promise<string> =>
      (await json<{ apiToken: string }>(await signIn('alice@example.com', 'correct horse battery'))).apiToken;
    const [laptop, desktop] = [await signedIn(), await signedIn()];
    const me = (token: string): Promise<Response> =>
      fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    // The extension sends its JSON content type on every call, bodiless ones included.
    const out = await fetch(`${server.baseUrl}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${laptop}`, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(200);
    expect(await json(out)).toEqual({ ok: true });
    const refused = await me(laptop);
    expect(refused.status).toBe(401);
    expect((await json<{ error: { message: string } }>(refused)).error.message).toBe('The API token is unknown or was revoked');
    expect((await me(desktop)).status).toBe(200);
    const again = await fetch(`${server.baseUrl}/api/v1/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${laptop}` } });
    expect(again.status).toBe(401);
  });
});

describe('authentication', () => {
  it.each([
    ['no header', {}],
    ['an unknown token', { authorization: `Bearer ${mintId('apiToken')}` }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('refuses /api/v1 with %s', async (_name, headers) => {
    const response = await fetch(`${server.baseUrl}/api/v1/me`, { headers });
    expect(response.status).toBe(401);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe('unauthorized');
  });

  it('returns the user, their signing key and the tracking base URL from /me', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/me`, { headers: alice.headers });
    const body = await json<{ user: { email: string }; signingKey: unknown; trackingBaseUrl: string }>(response);
    expect(body.user.email).toBe('alice@example.com');
    expect(body.signingKey).toEqual(alice.signingKey);
    expect(body.trackingBaseUrl).toBe(server.baseUrl);
  });
});

describe('devices', () => {
  it('registers, renames and lists the devices of the user only', async () => {
    const deviceId = mintId('device');
    const post = (user: TestUser, name: string): Promise<Response> =>
      fetch(`${server.baseUrl}/api/v1/devices`, { method: 'POST', headers: user.headers, body: JSON.stringify({ deviceId, name }) });
    expect((await post(alice, 'Laptop')).status).toBe(200);
    const renamed = await post(alice, 'Work laptop');
    expect(await json(renamed)).toMatchObject({ deviceId, name: 'Work laptop' });

    const bob = await server.addUser();
    expect((await post(bob, 'Stolen')).status).toBe(409);
    const list = await json<{ devices: { deviceId: string; name: string }[] }>(
      await fetch(`${server.baseUrl}/api/v1/devices`, { headers: alice.headers }),
    );
    expect(list.devices).toEqual([expect.objectContaining({ deviceId, name: 'Work laptop' })]);
    const bobs = await json<{ devices: unknown[] }>(await fetch(`${server.baseUrl}/api/v1/devices`, { headers: bob.headers }));
    expect(bobs.devices).toEqual([]);
  });
});
