// Mailbox rows as both stores read them, and their records.
import type {
  MailboxAuthMethod,
  MailboxCursor,
  MailboxRecord,
  MailboxSettingsRecord,
  MailboxTlsMode,
  MailboxWatchStatus,
} from '../mailbox-store.ts';

export interface MailboxRow {
  user_id: string;
  imap_host: string;
  imap_port: number;
  imap_tls: string;
  smtp_host: string;
  smtp_port: number;
  smtp_tls: string;
  username: string;
  auth_method: string;
  sealed_secret: string;
  status: string;
  paused_reason: string | null;
  status_at: number | null;
  last_reply_at: number | null;
  last_test_at: number | null;
  last_test_failure: string | null;
  last_test_message: string | null;
  created_at: number;
  updated_at: number;
}

export const toMailbox = (row: MailboxRow): MailboxRecord => ({
  userId: row.user_id,
  imap: { host: row.imap_host, port: row.imap_port, tls: row.imap_tls as MailboxTlsMode },
  smtp: { host: row.smtp_host, port: row.smtp_port, tls: row.smtp_tls as MailboxTlsMode },
  username: row.username,
  authMethod: row.auth_method as MailboxAuthMethod,
  sealedSecret: row.sealed_secret,
  status: row.status as MailboxWatchStatus,
  pausedReason: row.paused_reason,
  statusAt: row.status_at === null ? null : new Date(row.status_at),
  lastReplyAt: row.last_reply_at === null ? null : new Date(row.last_reply_at),
  lastTest:
    row.last_test_at === null
      ? null
      : { at: new Date(row.last_test_at), failure: row.last_test_failure, message: row.last_test_message ?? '' },
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** The columns an upsert writes, in the order both dialects' statements list them. */
export const mailboxSettingsParams = (settings: MailboxSettingsRecord, at: Date): (string | number)[] => [
  settings.userId,
  settings.imap.host,
  settings.imap.port,
  settings.imap.tls,
  settings.smtp.host,
  settings.smtp.port,
  settings.smtp.tls,
  settings.username,
  settings.authMethod,
  settings.sealedSecret,
  at.getTime(),
];

export interface MailboxCursorRow {
  folder_key: string;
  uid_validity: number;
  last_uid: number;
  updated_at: number;
}

export const toMailboxCursor = (row: MailboxCursorRow): MailboxCursor => ({
  folderKey: row.folder_key,
  uidValidity: row.uid_validity,
  lastUid: row.last_uid,
  updatedAt: new Date(row.updated_at),
});

const UINT32_MAX = 0xffff_ffff;

/** IMAP UIDs and UIDVALIDITY are unsigned 32-bit: anything else is a caller's bug, not data. */
export function checkUint32(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX)
    throw new RangeError(`${name} is not an unsigned 32-bit number: ${value}`);
  return value;
}
