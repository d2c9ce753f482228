// The mailbox routes never make the server a scanner of its own network: by default a mailbox on
// this machine or a private address is refused in words before anything connects, and connection
// tests are rate limited per user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';

const settings = (host: string, port = 993) => ({
  imap: { host, port, tls: 'tls' },
  smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
  username: 'rep@example.com',
  auth: { method: 'password', password: 'app password' },
});

async function call(
  server: TestServer,
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: user.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

describe('mailbox host policy (default MAILBOX_HOSTS=public) and test rate limit', () => {
  let server: TestServer;
  let rep: TestUser;
  beforeAll(async () => {
    server = await startServer({ env: { MAILBOX_HOSTS: 'public' } });
    rep = await server.addUser();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses to save or test a mailbox on this machine, and says how an administrator allows it', async () => {
    for (const [method, path, body] of [
      ['PUT', '/api/v1/mailbox', settings('127.0.0.1', 5432)],
      ['POST', '/api/v1/mailbox/test', { settings: settings('localhost', 6379) }],
    ] as const) {
      const answer = await call(server, rep, method, path, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('mailbox_host_refused');
      expect(answer.body.error?.message).toMatch(
        /^imap\.host: (127\.0\.0\.1|localhost \(.+\)) is this server itself .*MAILBOX_HOSTS=loopback/,
      );
    }
    expect((await call(server, rep, 'GET', '/api/v1/mailbox')).status).toBe(404);
  });

  it('refuses private and cloud-metadata addresses on either side', async () => {
    const metadata = await call(server, rep, 'POST', '/api/v1/mailbox/test', { settings: settings('169.254.169.254', 80) });
    expect(metadata.body.error?.message).toMatch(/^imap\.host: 169\.254\.169\.254 is a private or reserved network address/);
    const smtp = await call(server, rep, 'PUT', '/api/v1/mailbox', {
      ...settings('142.250.27.108'),
      smtp: { host: '10.0.0.8', port: 25, tls: 'starttls' },
    });
    expect(smtp.status).toBe(400);
    expect(smtp.body.error?.message).toMatch(/^smtp\.host: 10\.0\.0\.8 is a private/);
  });

  it('answers 429 with the wait once a user has tested too often, refused hosts included', async () => {
    const other = await server.addUser();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      statuses.push((await call(server, other, 'POST', '/api/v1/mailbox/test', { settings: settings('10.0.0.1') })).status);
    }
    expect(statuses).toEqual(Array(10).fill(400));
    const limited = await call(server, other, 'POST', '/api/v1/mailbox/test', { settings: settings('10.0.0.1') });
    expect(limited.status).toBe(429);
    expect(limited.body.error?.message).toMatch(/^Too many connection tests; try again in \d+ s\.$/);
    // Another user is not held back; a name that does not resolve answers as unreachable.
    const elsewhere = await fetch(`${server.baseUrl}/api/v1/mailbox/test`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({ settings: settings('no-such-host.invalid') }),
    });
    expect(await elsewhere.json()).toMatchObject({ ok: false, failure: 'unreachable' });
  });
});
