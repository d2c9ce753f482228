// The mailboxes part of the Store: one mailbox connection per user, for reply tracking. The
// credential is sealed by the caller (SecretBox) before it gets here: the store only keeps the
// sealed string. Kept apart from store.ts so the area reads as one piece; Store extends it.
import type { MailboxWatchStatus } from '../../shared/mailbox-api.ts';

export type MailboxTlsMode = 'tls' | 'starttls' | 'none';
export type MailboxAuthMethod = 'password' | 'oauth2';
// The watcher's states are part of the wire (src/shared/mailbox-api.ts, which says what each means).
export { MAILBOX_WATCH_STATUSES, type MailboxWatchStatus } from '../../shared/mailbox-api.ts';

export interface MailboxEndpoint {
  host: string;
  port: number;
  tls: MailboxTlsMode;
}

/** The outcome of the last connection test; `failure` null when it passed. */
export interface MailboxTestRecord {
  at: Date;
  failure: string | null;
  message: string;
}

export interface MailboxSettingsRecord {
  userId: string;
  imap: MailboxEndpoint;
  smtp: MailboxEndpoint;
  username: string;
  authMethod: MailboxAuthMethod;
  /** SecretBox-sealed password or access token. */
  sealedSecret: string;
}

export interface MailboxRecord extends MailboxSettingsRecord {
  status: MailboxWatchStatus;
  /** Why the watcher is paused, for a person; null while watching. */
  pausedReason: string | null;
  lastReplyAt: Date | null;
  lastTest: MailboxTestRecord | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MailboxStore {
  /**
   * Creates or replaces the user's mailbox settings. New settings are watched afresh: status back
   * to `waiting`, the last test forgotten; createdAt and lastReplyAt are kept.
   */
  upsertMailbox(settings: MailboxSettingsRecord, at: Date): Promise<MailboxRecord>;
  getMailbox(userId: string): Promise<MailboxRecord | null>;
  /** False when the user had no mailbox. */
  deleteMailbox(userId: string): Promise<boolean>;
  /** Keeps the outcome of a test of the stored settings; null when the user has no mailbox. */
  recordMailboxTest(userId: string, test: MailboxTestRecord): Promise<MailboxRecord | null>;
}
