// testMailboxConnection() against a real Dovecot: each way a connection fails gets its own reason
// and a sentence, and the password never shows up in what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxSettings, TlsMode } from '../../../src/server/mail/connection-settings.ts';
import { testMailboxConnection, type ConnectionTestOptions } from '../../../src/server/mail/connection-test.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { closedPort, startSilentPort, type SilentPort } from '../../support/tcp-ports.ts';

const USER = 'rep@example.com';
const PASSWORD = 'correct horse battery';
const FAST = { timeoutMs: 1500 };

const settings = (port: number, tls: TlsMode, password = PASSWORD): MailboxSettings => ({
  imap: { host: '127.0.0.1', port, tls },
  smtp: { host: '127.0.0.1', port: 25, tls: 'none' },
  username: USER,
  auth: { method: 'password', password },
});

async function check(
  input: MailboxSettings,
  options: ConnectionTestOptions = FAST,
): Promise<Awaited<ReturnType<typeof testMailboxConnection>>> {
  const result = await testMailboxConnection(input, options);
  expect(result.message).not.toContain(PASSWORD);
  expect(result.message).toMatch(/SMTP was not tested/);
  return result;
}

describe('mailbox connection test', () => {
  let plain: Dovecot;
  let secure: Dovecot;
  let withoutIdle: Dovecot;
  let silent: SilentPort;
  beforeAll(async () => {
    [plain, secure, withoutIdle, silent] = await Promise.all([
      startDovecot(),
      startDovecot({ tls: true }),
      startDovecot({ withoutIdle: true }),
      startSilentPort(),
    ]);
    for (const dovecot of [plain, secure, withoutIdle]) dovecot.addUser(USER, PASSWORD);
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), secure?.stop(), withoutIdle?.stop(), silent?.close()]);
  });

  it('signs in and lists the capabilities, IDLE among them', async () => {
    const result = await check(settings(plain.port, 'none'));
    expect(result).toMatchObject({ ok: true, checked: 'imap' });
    if (result.ok) expect(result.capabilities).toContain('IDLE');
  });

  it('signs in over TLS and over STARTTLS when the certificate is trusted', async () => {
    const trusted = { ...FAST, trustedCertificates: secure.certificate ?? '' };
    expect(await check(settings(secure.port, 'tls'), trusted)).toMatchObject({ ok: true });
    expect(await check(settings(secure.starttlsPort ?? 0, 'starttls'), trusted)).toMatchObject({ ok: true });
  });

  it('says the password is wrong', async () => {
    const result = await check(settings(plain.port, 'none', 'not the password'));
    expect(result).toMatchObject({ ok: false, failure: 'wrong-credentials' });
    expect(result.message).toMatch(/refused the username or password for rep@example.com/);
  });

  it('says TLS failed for a self-signed certificate that is not trusted', async () => {
    const result = await check(settings(secure.port, 'tls'));
    expect(result).toMatchObject({ ok: false, failure: 'tls' });
    expect(result.message).toMatch(/certificate is not trusted/);
  });

  it('says TLS failed when the port speaks plain IMAP', async () => {
    expect(await check(settings(plain.port, 'tls'))).toMatchObject({ ok: false, failure: 'tls' });
    expect(await check(settings(plain.port, 'starttls'))).toMatchObject({ ok: false, failure: 'tls' });
  });

  it('says the host is unreachable when nothing listens', async () => {
    const result = await check(settings(await closedPort(), 'none'));
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' });
    expect(result.message).toMatch(/^Could not reach 127.0.0.1:\d+/);
  });

  it('says the server timed out when it never answers, within the bound', async () => {
    for (const tls of ['none', 'tls'] as const) {
      const started = Date.now();
      const result = await check(settings(silent.port, tls));
      expect(result).toMatchObject({ ok: false, failure: 'timeout' });
      expect(result.message).toMatch(/did not answer within 1500 ms/);
      expect(Date.now() - started).toBeLessThan(4000);
    }
  });

  it('says IDLE is missing when the server does not offer it', async () => {
    const result = await check(settings(withoutIdle.port, 'none'));
    expect(result).toMatchObject({ ok: false, failure: 'capability-missing' });
    expect(result.message).toMatch(/does not offer IMAP IDLE/);
  });
});
