// /api/v1/mailbox against the real `glint serve` process and a real Dovecot: settings saved with
// the credential sealed, shown without it, tested in words, each user's own; the secret appears
// in no answer, in no line the server logs (at debug level) and not in the database file.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/server/security/secret-box.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { startServer } from '../../support/start-server.ts';

const PASSWORD = 'hunter2-is-not-a-password';
const WRONG = 'guessed-wrong-password';
const dataDir = mkdtempSync(join(tmpdir(), 'glint-mailbox-'));
const caFile = join(dataDir, 'dovecot-ca.pem');
let serve: ServeProcess;
let plain: Dovecot;
let secure: Dovecot;
const answers: string[] = [];
const tokens: Record<'alice' | 'bob', string> = { alice: '', bob: '' };

/** What the tests read of the answers (error, mailbox or test result). */
interface Answer {
  error?: { message: string };
  ok?: boolean;
  message?: string;
  capabilities?: string[];
  auth?: Record<string, unknown>;
  lastTest?: { ok: boolean; failure: string | null } | null;
}

async function call(who: 'alice' | 'bob' | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const headers: Record<string, string> = who ? { authorization: `Bearer ${tokens[who]}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${serve.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  answers.push(text);
  return { status: response.status, json: JSON.parse(text) as Answer };
}

/** IMAP and SMTP submission of one Dovecot, both plain or both over TLS. */
const settings = (dovecot: Dovecot, tls: 'tls' | 'none', password = PASSWORD) => ({
  imap: { host: '127.0.0.1', port: dovecot.port, tls },
  smtp: { host: '127.0.0.1', port: dovecot.submissionPort ?? 0, tls },
  username: 'alice@example.com',
  auth: { method: 'password', password },
});

beforeAll(async () => {
  [plain, secure] = await Promise.all([startDovecot({ submission: true }), startDovecot({ tls: true, submission: true })]);
  for (const dovecot of [plain, secure]) dovecot.addUser('alice@example.com', PASSWORD);
  writeFileSync(caFile, secure.certificate ?? '');
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    MAILBOX_CA_FILE: caFile,
    MAILBOX_TEST_TIMEOUT_S: '3',
    MAILBOX_HOSTS: 'loopback',
  };
  const glint = glintCommand(env);
  for (const who of ['alice', 'bob'] as const) {
    const added = await glint('user', 'add', `${who}@example.com`, '--json');
    tokens[who] = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
  }
  serve = await spawnServe(env);
});

afterAll(async () => {
  await serve?.stop();
  await Promise.all([plain?.stop(), secure?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('mailbox API', () => {
  it('says, in a sentence, when no mailbox is connected', async () => {
    const { status, json } = await call('alice', 'GET', '/api/v1/mailbox');
    expect(status).toBe(404);
    expect(json.error?.message).toMatch(/^No mailbox is connected/);
    expect((await call('alice', 'POST', '/api/v1/mailbox/test')).status).toBe(404);
    expect((await call('alice', 'DELETE', '/api/v1/mailbox')).status).toBe(404);
  });

  it('refuses settings that would send the password in clear text, saying why', async () => {
    const input = { ...settings(plain, 'none'), imap: { host: 'imap.example.com', port: 143, tls: 'none' } };
    const { status, json } = await call('alice', 'PUT', '/api/v1/mailbox', input);
    expect(status).toBe(400);
    expect(json.error?.message).toMatch(/^body\.imap\.tls: .*clear text/);
  });

  it('saves the settings and answers them without the secret; another user sees none', async () => {
    const { status, json } = await call('alice', 'PUT', '/api/v1/mailbox', settings(plain, 'none'));
    expect(status).toBe(200);
    expect(json).toMatchObject({
      imap: { host: '127.0.0.1', port: plain.port, tls: 'none' },
      username: 'alice@example.com',
      auth: { method: 'password', set: true },
      watcher: { status: 'waiting', pausedReason: null, lastReplyAt: null },
      lastTest: null,
    });
    expect(Object.keys(json.auth ?? {})).toEqual(['method', 'set']);
    expect((await call('alice', 'GET', '/api/v1/mailbox')).json).toEqual(json);
    expect((await call('bob', 'GET', '/api/v1/mailbox')).status).toBe(404);
    expect((await call(null, 'GET', '/api/v1/mailbox')).status).toBe(401);
  });

  it('tests the stored mailbox and keeps the outcome', async () => {
    const { status, json } = await call('alice', 'POST', '/api/v1/mailbox/test');
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, imap: { ok: true }, smtp: { ok: true } });
    expect(json.capabilities).toContain('IDLE');
    expect(json.message).toMatch(/^IMAP: signed in to 127.0.0.1 as alice@example.com; .* SMTP: signed in to 127.0.0.1:\d+ as alice/);
    const stored = (await call('alice', 'GET', '/api/v1/mailbox')).json;
    expect(stored.lastTest).toMatchObject({ ok: true, failure: null, message: json.message });
  });

  it('keeps the stored password when a save leaves it out, for the same account and hosts', async () => {
    const { auth: _auth, ...withoutAuth } = settings(plain, 'none');
    const moved = { ...withoutAuth, smtp: { host: '127.0.0.1', port: 2525, tls: 'none' } };
    const { status, json } = await call('alice', 'PUT', '/api/v1/mailbox', moved);
    expect(status).toBe(200);
    expect(json).toMatchObject({ smtp: { port: 2525 }, auth: { method: 'password', set: true }, lastTest: null });
    // The kept password still signs in over IMAP; nothing listens on the new SMTP port, and the test says so.
    expect((await call('alice', 'POST', '/api/v1/mailbox/test')).json).toMatchObject({
      ok: false,
      failure: 'unreachable',
      imap: { ok: true },
      smtp: {
        ok: false,
        failure: 'unreachable',
        message:
          'SMTP: Could not reach 127.0.0.1:2525: check the host name and the port, and that the server accepts connections from here.',
      },
    });
  });

  it('asks for a credential before the stored one would go to another account or server', async () => {
    const { auth: _auth, ...withoutAuth } = settings(plain, 'none');
    for (const elsewhere of [
      { ...withoutAuth, username: 'mallory@example.com' },
      { ...withoutAuth, imap: { host: 'localhost', port: plain.port, tls: 'none' } },
      { ...withoutAuth, smtp: { host: 'localhost', port: 2525, tls: 'none' } },
    ]) {
      const { status, json } = await call('alice', 'PUT', '/api/v1/mailbox', elsewhere);
      expect(status).toBe(400);
      expect(json.error?.message).toBe(
        'body.auth: a password or access token is required when the username, the IMAP host or the SMTP host changes: ' +
          'the stored one is only ever sent to the account and servers it was given for',
      );
    }
    const stored = (await call('alice', 'GET', '/api/v1/mailbox')).json as Answer & { username?: string; imap?: { host: string } };
    expect(stored).toMatchObject({ username: 'alice@example.com', imap: { host: '127.0.0.1' }, smtp: { host: '127.0.0.1', port: 2525 } });
  });

  it('asks for a credential when there is no stored mailbox to keep it from', async () => {
    const { auth: _auth, ...withoutAuth } = settings(plain, 'none');
    const { status, json } = await call('bob', 'PUT', '/api/v1/mailbox', { ...withoutAuth, username: 'bob@example.com' });
    expect(status).toBe(400);
    expect(json.error?.message).toBe('body.auth: a password or access token is required to connect a mailbox');
    expect((await call('bob', 'GET', '/api/v1/mailbox')).status).toBe(404);
  });

  it('still requires the credential to test settings that are not saved', async () => {
    const { auth: _auth, ...withoutAuth } = settings(plain, 'none');
    const { status, json } = await call('alice', 'POST', '/api/v1/mailbox/test', { settings: withoutAuth });
    expect(status).toBe(400);
    expect(json.error?.message).toMatch(/^body\.settings\.auth: /);
  });

  it('refuses a test request it cannot read, saying why', async () => {
    const { status, json } = await call('alice', 'POST', '/api/v1/mailbox/test', { settings: { imap: {} } });
    expect(status).toBe(400);
    expect(json.error?.message).toMatch(/^body\.settings\./);
  });

  it('tests settings before they are saved, and says what failed', async () => {
    const { status, json } = await call('alice', 'POST', '/api/v1/mailbox/test', { settings: settings(plain, 'none', WRONG) });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: false, failure: 'wrong-credentials' });
    expect(json.message).toMatch(/^IMAP: 127.0.0.1 refused the username or password.* SMTP: 127.0.0.1:\d+ refused the password/);
    // Only tried: the stored outcome is still the last test of the saved settings.
    expect((await call('alice', 'GET', '/api/v1/mailbox')).json.lastTest).toMatchObject({ ok: false, failure: 'unreachable' });
  });

  it('trusts the certificates of MAILBOX_CA_FILE for a TLS mailbox', async () => {
    expect((await call('alice', 'PUT', '/api/v1/mailbox', settings(secure, 'tls'))).json.lastTest).toBeNull();
    expect((await call('alice', 'POST', '/api/v1/mailbox/test')).json).toMatchObject({ ok: true });
  });

  it('disconnects the mailbox', async () => {
    expect(await call('alice', 'DELETE', '/api/v1/mailbox')).toEqual({ status: 200, json: { ok: true } });
    expect((await call('alice', 'GET', '/api/v1/mailbox')).status).toBe(404);
  });

  it('never shows the secret: not in answers, not in the log, not in the database file', async () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const secret of [PASSWORD, WRONG]) {
      expect(answers.filter((text) => text.includes(secret))).toEqual([]);
      expect(serve.output()).not.toContain(secret);
    }
    expect(serve.output()).toMatch(/Tracking URLs use/);
    for (const file of ['glint.sqlite', 'glint.sqlite-wal']) {
      const path = join(dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(PASSWORD)).toBe(false);
    }
  });
});

describe('a stored credential the server key cannot open', () => {
  it('answers 409 with a sentence instead of failing', async () => {
    const server = await startServer();
    try {
      const carol = await server.addUser('carol@example.com');
      await server.context.store.upsertMailbox(
        {
          userId: carol.user.id,
          imap: { host: '127.0.0.1', port: 143, tls: 'none' },
          smtp: { host: '127.0.0.1', port: 25, tls: 'none' },
          username: 'carol@example.com',
          authMethod: 'password',
          // Sealed under another server key.
          sealedSecret: createSecretBox(randomBytes(32)).seal('old secret'),
        },
        new Date(),
      );
      const response = await fetch(`${server.baseUrl}/api/v1/mailbox/test`, { method: 'POST', headers: carol.headers, body: '{}' });
      expect(response.status).toBe(409);
      expect(((await response.json()) as Answer).error?.message).toMatch(
        /cannot be opened with this server key: connect the mailbox again/,
      );
    } finally {
      await server.close();
    }
  });
});
