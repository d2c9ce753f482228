// The service worker's mailbox handlers against the REAL server (127.0.0.1, SQLite): no mailbox
// is a state, not an error; settings saved and shown without their password; the server's
// refusal in its own sentence; a test that says what failed; and the API client's failures
// (signed out, a refused token, a server that is down) as the codes the options page words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageError, type MailboxSettingsDraft } from '../../src/shared/messages.ts';
import { authStorage, type AuthStorage } from '../../src/extension/data/auth-state.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import { createMailboxHandlers } from '../../src/extension/background/mailbox-handlers.ts';
import { glintHttp } from '../../src/extension/background/signed-in-http.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { closedPort } from '../support/tcp-ports.ts';
import { signedInStorage } from '../support/signed-in-storage.ts';

const SECRET = 'app-password-never-returned';
let server: TestServer;
let rep: TestUser;
let imapPort: number;

beforeAll(async () => {
  server = await startServer({ env: { MAILBOX_TEST_TIMEOUT_S: '3' } });
  rep = await server.addUser('rep@seller.example');
  imapPort = await closedPort();
});
afterAll(() => server.close());

const signedIn = (user: TestUser, options: { serverUrl?: string; apiToken?: string } = {}): Promise<AuthStorage> =>
  signedInStorage(user, options.serverUrl ?? server.baseUrl, options.apiToken);

const handlersFor = (storage: AuthStorage) => createMailboxHandlers(glintHttp(storage, fetch));

const settings = (overrides: Partial<MailboxSettingsDraft['imap']> = {}): MailboxSettingsDraft => ({
  imap: { host: '127.0.0.1', port: imapPort, tls: 'none', ...overrides },
  smtp: { host: '127.0.0.1', port: 1025, tls: 'none' },
  username: 'rep@seller.example',
  auth: { method: 'password', password: SECRET },
});

async function failure(work: Promise<unknown>): Promise<MessageError> {
  const error: unknown = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof MessageError)) throw new Error(`expected a MessageError, got ${String(error)}`);
  return error;
}

describe('mailbox handlers against the real server', () => {
  it('answers null while no mailbox is connected', async () => {
    expect(await handlersFor(await signedIn(rep))['mailbox.get']({})).toEqual({ mailbox: null });
  });

  it('saves and reads the settings back without the password', async () => {
    const handlers = handlersFor(await signedIn(rep));
    const saved = await handlers['mailbox.save']({ settings: settings() });
    expect(saved.mailbox).toMatchObject({
      imap: { host: '127.0.0.1', port: imapPort, tls: 'none' },
      username: 'rep@seller.example',
      auth: { method: 'password', set: true },
      watcher: { status: 'waiting', lastReplyAt: null },
    });
    const read = await handlers['mailbox.get']({});
    expect(read.mailbox?.updatedAt).toBe(saved.mailbox.updatedAt);
    expect(JSON.stringify([saved, read])).not.toContain(SECRET);
  });

  it('saves without the password, keeping the stored one', async () => {
    const handlers = handlersFor(await signedIn(rep));
    const { auth: _auth, ...withoutAuth } = settings();
    const saved = await handlers['mailbox.save']({ settings: withoutAuth });
    expect(saved.mailbox).toMatchObject({ username: 'rep@seller.example', auth: { method: 'password', set: true } });
    const refused = await failure(handlers['mailbox.save']({ settings: { ...withoutAuth, username: 'other@seller.example' } }));
    expect(refused.message).toMatch(/^body\.auth: a password or access token is required when the username/);
  });

  it("passes the server's refusal on in its own sentence", async () => {
    const error = await failure(handlersFor(await signedIn(rep))['mailbox.save']({ settings: settings({ host: 'mail.seller.example' }) }));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/^body\.imap\.tls: tls 'none' is only allowed for a server on this machine/);
  });

  it('tests unsaved settings, and the stored ones, saying what failed', async () => {
    const handlers = handlersFor(await signedIn(rep));
    const tried = await handlers['mailbox.test']({ settings: settings() });
    expect(tried).toMatchObject({ ok: false, failure: 'unreachable' });
    expect(tried.message).toMatch(/^IMAP: Could not reach 127\.0\.0\.1:/);
    expect(await handlers['mailbox.test']({})).toMatchObject({ ok: false, failure: 'unreachable' });
    expect((await handlers['mailbox.get']({})).mailbox?.lastTest).toMatchObject({ ok: false, failure: 'unreachable' });
  });

  it('disconnects, and disconnecting again is no error', async () => {
    const handlers = handlersFor(await signedIn(rep));
    expect(await handlers['mailbox.disconnect']({})).toEqual({ disconnected: true });
    expect(await handlers['mailbox.disconnect']({})).toEqual({ disconnected: true });
    expect(await handlers['mailbox.get']({})).toEqual({ mailbox: null });
  });

  it('says signed out without a sign-in or with a refused token, and unreachable when the server is down', async () => {
    expect((await failure(handlersFor(authStorage(memoryArea()))['mailbox.get']({}))).code).toBe('signed-out');
    expect((await failure(handlersFor(await signedIn(rep, { apiToken: 'revoked' }))['mailbox.get']({}))).code).toBe('signed-out');
    const down = await signedIn(rep, { serverUrl: `http://127.0.0.1:${await closedPort()}` });
    expect((await failure(handlersFor(down)['mailbox.test']({}))).code).toBe('server-unreachable');
  });
});
