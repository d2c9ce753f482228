// testMailboxConnection() against a real Dovecot (IMAP and its SMTP submission service): each way
// a side fails gets its own reason and a sentence, and the password never shows up in what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxSettings, TlsMode } from '../../../src/server/mail/connection-settings.ts';
import { testMailboxConnection, type ConnectionTestOptions } from '../../../src/server/mail/connection-test.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { closedPort, startSilentPort, type SilentPort } from '../../support/tcp-ports.ts';

const USER = 'rep@example.com';
const PASSWORD = 'correct horse battery';
const FAST = { timeoutMs: 1500 };

type Endpoint = MailboxSettings['smtp'];
/** The plain submission port, set once Dovecot runs: the IMAP cases keep a working SMTP side. */
let plainSmtp: Endpoint;

const settings = (port: number, tls: TlsMode, password = PASSWORD, smtp: Endpoint = plainSmtp): MailboxSettings => ({
  imap: { host: '127.0.0.1', port, tls },
  smtp,
  username: USER,
  auth: { method: 'password', password },
});

async function check(
  input: MailboxSettings,
  options: ConnectionTestOptions = FAST,
): Promise<Awaited<ReturnType<typeof testMailboxConnection>>> {
  const result = await testMailboxConnection(input, options);
  expect(JSON.stringify(result)).not.toContain(PASSWORD);
  expect(result.message).toBe(`${result.imap.message} ${result.smtp.message}`);
  return result;
}

describe('mailbox connection test', () => {
  let plain: Dovecot;
  let secure: Dovecot;
  let withoutIdle: Dovecot;
  let silent: SilentPort;
  beforeAll(async () => {
    [plain, secure, withoutIdle, silent] = await Promise.all([
      startDovecot({ submission: true }),
      startDovecot({ tls: true, submission: true }),
      startDovecot({ withoutIdle: true }),
      startSilentPort(),
    ]);
    for (const dovecot of [plain, secure, withoutIdle]) dovecot.addUser(USER, PASSWORD);
    plainSmtp = { host: '127.0.0.1', port: plain.submissionPort ?? 0, tls: 'none' };
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), secure?.stop(), withoutIdle?.stop(), silent?.close()]);
  });

  it('signs in over IMAP and SMTP, and lists the capabilities, IDLE among them', async () => {
    const result = await check(settings(plain.port, 'none'));
    expect(result).toMatchObject({ ok: true, imap: { ok: true }, smtp: { ok: true } });
    expect(result.capabilities).toContain('IDLE');
    expect(result.message).toBe(
      `IMAP: signed in to 127.0.0.1 as ${USER}; the server offers IDLE, so replies are seen as they arrive. ` +
        `SMTP: signed in to 127.0.0.1:${plain.submissionPort} as ${USER}, so follow-ups can be sent.`,
    );
  });

  it('signs in over TLS and over STARTTLS when the certificate is trusted, SMTP over TLS too', async () => {
    const trusted = { ...FAST, trustedCertificates: secure.certificate ?? '' };
    const smtp: Endpoint = { host: '127.0.0.1', port: secure.submissionPort ?? 0, tls: 'tls' };
    expect(await check(settings(secure.port, 'tls', PASSWORD, smtp), trusted)).toMatchObject({ ok: true, smtp: { ok: true } });
    expect(await check(settings(secure.starttlsPort ?? 0, 'starttls', PASSWORD, smtp), trusted)).toMatchObject({ ok: true });
  });

  it('says the password is wrong, on both sides', async () => {
    const result = await check(settings(plain.port, 'none', 'not the password'));
    expect(result).toMatchObject({
      ok: false,
      failure: 'wrong-credentials',
      imap: { ok: false, failure: 'wrong-credentials' },
      smtp: { ok: false, failure: 'wrong-credentials' },
    });
    expect(result.imap.message).toMatch(/^IMAP: 127.0.0.1 refused the username or password for rep@example.com/);
    expect(result.smtp.message).toMatch(/^SMTP: 127.0.0.1:\d+ refused the password for rep@example.com: check/);
  });

  it('says SMTP is unreachable on a wrong port, with IMAP passed', async () => {
    const port = await closedPort();
    const result = await check(settings(plain.port, 'none', PASSWORD, { host: '127.0.0.1', port, tls: 'none' }));
    expect(result).toMatchObject({ ok: false, failure: 'unreachable', imap: { ok: true }, smtp: { ok: false, failure: 'unreachable' } });
    expect(result.smtp.message).toBe(
      `SMTP: Could not reach 127.0.0.1:${port}: check the host name and the port, and that the server accepts connections from here.`,
    );
  });

  it('says SMTP TLS failed when the port speaks plain SMTP', async () => {
    for (const smtp of [
      { ...plainSmtp, tls: 'tls' },
      { ...plainSmtp, tls: 'starttls' },
    ] as const) {
      const result = await check(settings(plain.port, 'none', PASSWORD, smtp));
      expect(result, `${smtp.port} ${smtp.tls}`).toMatchObject({ ok: false, failure: 'tls', imap: { ok: true }, smtp: { failure: 'tls' } });
    }
  });

  it('says to choose TLS when STARTTLS or no encryption is asked of a port that expects TLS at once', async () => {
    // Each end waits for the other to speak first; after the bound, a TLS hello finds out why.
    for (const tls of ['starttls', 'none'] as const) {
      const smtp: Endpoint = { host: '127.0.0.1', port: secure.submissionPort ?? 0, tls };
      const result = await check(settings(secure.port, tls, PASSWORD, smtp));
      expect(result, tls).toMatchObject({ ok: false, failure: 'tls', imap: { failure: 'tls' }, smtp: { failure: 'tls' } });
      const chosen = tls === 'starttls' ? 'STARTTLS' : 'no encryption';
      expect(result.imap.message).toBe(
        `IMAP: 127.0.0.1:${secure.port} expects TLS from the first byte (as port 993 usually does), but the settings ask for ${chosen}: choose TLS for this port.`,
      );
      expect(result.smtp.message).toBe(
        `SMTP: 127.0.0.1:${secure.submissionPort} expects TLS from the first byte (as port 465 usually does), but the settings ask for ${chosen}: choose TLS for this port.`,
      );
    }
  });

  it('says TLS failed for a self-signed certificate that is not trusted', async () => {
    const result = await check(settings(secure.port, 'tls'));
    expect(result).toMatchObject({ ok: false, failure: 'tls', imap: { failure: 'tls' } });
    expect(result.imap.message).toMatch(/certificate is not trusted/);
  });

  it('says TLS failed when the port speaks plain IMAP', async () => {
    expect(await check(settings(plain.port, 'tls'))).toMatchObject({ ok: false, failure: 'tls' });
    expect(await check(settings(plain.port, 'starttls'))).toMatchObject({ ok: false, failure: 'tls' });
  });

  it('says the host is unreachable when nothing listens', async () => {
    const result = await check(settings(await closedPort(), 'none'));
    expect(result).toMatchObject({ ok: false, failure: 'unreachable', smtp: { ok: true } });
    expect(result.message).toMatch(/^IMAP: Could not reach 127.0.0.1:\d+/);
  });

  it('says the server timed out when it never answers, within the bound and the probe after it', async () => {
    for (const tls of ['none', 'tls'] as const) {
      const started = Date.now();
      const silentSmtp: Endpoint = { host: '127.0.0.1', port: silent.port, tls };
      const result = await check(settings(silent.port, tls, PASSWORD, silentSmtp));
      expect(result).toMatchObject({ ok: false, failure: 'timeout', imap: { failure: 'timeout' }, smtp: { failure: 'timeout' } });
      expect(result.imap.message).toMatch(/did not answer within 1500 ms/);
      expect(result.smtp.message).toMatch(/did not answer within 1500 ms/);
      // The bound, then (for a mode other than TLS) as long again to ask whether it expects TLS.
      expect(Date.now() - started).toBeLessThan(2 * FAST.timeoutMs + 2500);
    }
  });

  it('says IDLE is missing when the server does not offer it', async () => {
    const result = await check(settings(withoutIdle.port, 'none'));
    expect(result).toMatchObject({ ok: false, failure: 'capability-missing' });
    expect(result.imap.message).toMatch(/does not offer IMAP IDLE/);
  });
});
