// Between the mailbox settings a rep gives and the record the store keeps: the credential is
// sealed with the server key on the way in and opened only to connect; what a person sees of a
// stored mailbox never holds it.
import type { SecretBox } from '../security/secret-box.ts';
import type { MailboxRecord, MailboxSettingsRecord } from '../store/store.ts';
import { authFrom, secretOf, type MailboxSaveSettings, type MailboxSettings } from './connection-settings.ts';
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

/** Why a save without a credential cannot keep the stored one, in words (the API's 400). */
export class CredentialRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialRequiredError';
  }
}

export const CREDENTIAL_REQUIRED = 'a password or access token is required to connect a mailbox';
export const CREDENTIAL_REQUIRED_FOR_NEW_PLACE =
  'a password or access token is required when the username, the IMAP host or the SMTP host changes: ' +
  'the stored one is only ever sent to the account and servers it was given for';

const sameHost = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The record to store for a save: a given credential is sealed; without one the stored sealed
 * credential is kept as it is (never opened), but only for the same username and hosts, so a
 * password can never be carried to another account or server. Throws CredentialRequiredError.
 */
export function settingsRecordFor(
  userId: string,
  settings: MailboxSaveSettings,
  stored: MailboxRecord | null,
  box: SecretBox,
): MailboxSettingsRecord {
  const { auth } = settings;
  if (auth) return sealSettings(userId, { ...settings, auth }, box);
  if (!stored) throw new CredentialRequiredError(CREDENTIAL_REQUIRED);
  const samePlace =
    settings.username === stored.username &&
    sameHost(settings.imap.host, stored.imap.host) &&
    sameHost(settings.smtp.host, stored.smtp.host);
  if (!samePlace) throw new CredentialRequiredError(CREDENTIAL_REQUIRED_FOR_NEW_PLACE);
  return {
    userId,
    imap: settings.imap,
    smtp: settings.smtp,
    username: settings.username,
    authMethod: stored.authMethod,
    sealedSecret: stored.sealedSecret,
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
