// Between the mailbox settings a rep gives and the record the store keeps: the credential is
// sealed with the server key on the way in and opened only to connect; what a person sees of a
// stored mailbox never holds it.
import type { SecretBox } from '../security/secret-box.ts';
import type { MailboxRecord, MailboxSettingsRecord } from '../store/store.ts';
import { authFrom, secretOf, type MailboxSettings } from './connection-settings.ts';
import type { MailboxView } from './mailbox-schemas.ts';

export function sealSettings(userId: string, settings: MailboxSettings, box: SecretBox): MailboxSettingsRecord {
  return {
    userId,
    imap: settings.imap,
    smtp: settings.smtp,
    username: settings.username,
    authMethod: settings.auth.method,
    sealedSecret: box.seal(secretOf(settings.auth)),
  };
}

export class MailboxSecretUnreadableError extends Error {
  constructor() {
    super('The stored mailbox credential cannot be opened with this server key: connect the mailbox again.');
    this.name = 'MailboxSecretUnreadableError';
  }
}

/** The settings with their credential opened, to connect; throws MailboxSecretUnreadableError. */
export function openSettings(record: MailboxRecord, box: SecretBox): MailboxSettings {
  let secret: string;
  try {
    secret = box.open(record.sealedSecret);
  } catch {
    throw new MailboxSecretUnreadableError();
  }
  return { imap: record.imap, smtp: record.smtp, username: record.username, auth: authFrom(record.authMethod, secret) };
}

export function presentMailbox(record: MailboxRecord): MailboxView {
  return {
    imap: record.imap,
    smtp: record.smtp,
    username: record.username,
    auth: { method: record.authMethod, set: true },
    watcher: {
      status: record.status,
      pausedReason: record.pausedReason,
      lastReplyAt: record.lastReplyAt?.toISOString() ?? null,
    },
    lastTest: record.lastTest && {
      at: record.lastTest.at.toISOString(),
      ok: record.lastTest.failure === null,
      failure: record.lastTest.failure,
      message: record.lastTest.message,
    },
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
