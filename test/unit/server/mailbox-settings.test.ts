import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_REQUIRED, CredentialRequiredError, settingsRecordFor } from '../../../src/server/mail/mailbox-record.ts';
import { createSecretBox } from '../../../src/server/security/secret-box.ts';
import type { MailboxRecord } from '../../../src/server/store/store.ts';
import {
  isLoopbackHost,
  MAILBOX_PRESETS,
  mailboxSaveSchema,
  mailboxSettingsSchema,
  withoutSecret,
  type MailboxSaveSettings,
  type MailboxSettings,
} from '../../../src/server/mail/connection-settings.ts';

const gmail = (auth: unknown = { method: 'password', password: 'app-password' }): unknown => ({
  ...MAILBOX_PRESETS.gmail,
  username: 'rep@example.com',
  auth,
});

const messages = (input: unknown): string[] => {
  const result = mailboxSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('mailbox connection settings', () => {
  it('accept the Gmail and Microsoft 365 presets with a password or an OAuth2 token', () => {
    expect(messages(gmail())).toEqual([]);
    expect(
      messages({ ...MAILBOX_PRESETS.microsoft365, username: 'rep@example.com', auth: { method: 'oauth2', accessToken: 'ya29.x' } }),
    ).toEqual([]);
    expect(MAILBOX_PRESETS.gmail.imap).toEqual({ host: 'imap.gmail.com', port: 993, tls: 'tls' });
    expect(MAILBOX_PRESETS.gmail.smtp).toEqual({ host: 'smtp.gmail.com', port: 465, tls: 'tls' });
    expect(MAILBOX_PRESETS.microsoft365.imap).toEqual({ host: 'outlook.office365.com', port: 993, tls: 'tls' });
    expect(MAILBOX_PRESETS.microsoft365.smtp).toEqual({ host: 'smtp.office365.com', port: 587, tls: 'starttls' });
  });

  it('refuse clear text to a server that is not on this machine, and say why', () => {
    const input = { ...(gmail() as MailboxSettings), imap: { host: 'imap.example.com', port: 143, tls: 'none' } };
    const [message] = messages(input);
    expect(message).toMatch(/^imap\.tls: .*only allowed for a server on this machine.*clear text/);
  });

  it('allow clear text to loopback hosts', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
      const local = { host, port: 1143, tls: 'none' };
      expect(messages({ ...(gmail() as MailboxSettings), imap: local, smtp: local })).toEqual([]);
    }
    for (const host of ['128.0.0.1', 'localhost.example.com', '10.0.0.1', 'example.com']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('name what is wrong in bad input', () => {
    expect(messages(gmail({ method: 'password', password: '' }))).toEqual(['auth.password: password is required']);
    expect(messages(gmail({ method: 'kerberos' }))[0]).toMatch(/auth.method must be 'password' or 'oauth2'/);
    expect(messages({ ...(gmail() as MailboxSettings), imap: { host: 'a b', port: 0, tls: 'ssl' } })).toHaveLength(3);
  });

  it('show everything but the secret', () => {
    const settings = mailboxSettingsSchema.parse(gmail());
    const shown = withoutSecret(settings);
    expect(shown.auth).toEqual({ method: 'password', set: true });
    expect(JSON.stringify(shown)).not.toContain('app-password');
  });
});

describe('a save without a credential', () => {
  const box = createSecretBox(randomBytes(32));
  const save = (overrides: Partial<MailboxSaveSettings> = {}): MailboxSaveSettings => ({
    ...MAILBOX_PRESETS.gmail,
    username: 'rep@example.com',
    ...overrides,
  });
  const saved = { ...settingsRecordFor('u1', save({ auth: { method: 'password', password: 'app-password' } }), null, box) };
  const stored = { ...saved, status: 'paused', pausedReason: null, statusAt: null, lastReplyAt: null, lastTest: null } as MailboxRecord;
  stored.createdAt = stored.updatedAt = new Date();

  it('is accepted by the save schema only, still refusing clear text abroad', () => {
    expect(mailboxSaveSchema.safeParse(save()).success).toBe(true);
    expect(mailboxSettingsSchema.safeParse(save()).success).toBe(false);
    const clear = mailboxSaveSchema.safeParse(save({ imap: { host: 'imap.example.com', port: 143, tls: 'none' } }));
    expect(clear.error?.issues[0]?.path).toEqual(['imap', 'tls']);
  });

  it('keeps the sealed credential as it is for the same username and hosts (any case)', () => {
    const kept = settingsRecordFor('u1', save({ imap: { host: 'IMAP.gmail.com', port: 143, tls: 'starttls' } }), stored, box);
    expect(kept.sealedSecret).toBe(stored.sealedSecret);
    expect(kept).toMatchObject({ authMethod: 'password', imap: { port: 143, tls: 'starttls' } });
  });

  it('is refused in words with nothing stored, or for another username or host', () => {
    expect(() => settingsRecordFor('u1', save(), null, box)).toThrow(CREDENTIAL_REQUIRED);
    for (const elsewhere of [
      save({ username: 'someone@example.com' }),
      save({ imap: { host: 'imap.evil.example', port: 993, tls: 'tls' } }),
      save({ smtp: { host: 'smtp.evil.example', port: 465, tls: 'tls' } }),
    ]) {
      expect(() => settingsRecordFor('u1', elsewhere, stored, box)).toThrow(CredentialRequiredError);
    }
  });
});
