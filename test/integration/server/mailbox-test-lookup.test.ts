// POST /api/v1/mailbox/test resolves the IMAP and SMTP hosts once each: the host policy checks the
// addresses each name gives, and the test connects to the addresses checked, so a name that changes between two
// lookups (DNS rebinding) cannot send the connection somewhere the policy never saw.
import dnsPromises from 'node:dns/promises';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';

const realLookup = dnsPromises.lookup;
const looked: string[] = [];
let server: TestServer;
let rep: TestUser;

beforeAll(async () => {
  // Counts the lookups of the real resolver; the ESM binding the server imports follows the sync.
  dnsPromises.lookup = ((hostname: string, options: never) => {
    looked.push(hostname);
    return realLookup(hostname, options);
  }) as typeof dnsPromises.lookup;
  syncBuiltinESMExports();
  server = await startServer({ env: { MAILBOX_HOSTS: 'any' } });
  rep = await server.addUser();
});
afterAll(async () => {
  dnsPromises.lookup = realLookup;
  syncBuiltinESMExports();
  await server?.close();
});

describe('mailbox connection test', () => {
  it('looks each host up once and connects to the address it checked', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/mailbox/test`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({
        settings: {
          imap: { host: 'localhost', port: 1, tls: 'none' },
          smtp: { host: 'localhost', port: 1, tls: 'none' },
          username: 'rep@example.com',
          auth: { method: 'password', password: 'app password' },
        },
      }),
    });
    expect(response.status).toBe(200);
    // Nothing listens on port 1: each side went to localhost's address and was refused.
    expect(await response.json()).toMatchObject({
      ok: false,
      failure: 'unreachable',
      imap: { ok: false, failure: 'unreachable' },
      smtp: { ok: false, failure: 'unreachable' },
    });
    // One lookup per side, by the host policy; none again when connecting.
    expect(looked.filter((name) => name === 'localhost')).toHaveLength(2);
  });
});
