// The mailboxes part of the Store: one mailbox connection per user, for reply tracking. The
// credential is sealed by the caller (SecretBox) before it gets here: the store only keeps the
// sealed string. Kept apart from store.ts so the area reads as one piece; Store extends it.
import type { MailboxWatchStatus } from '../../shared/mailbox-api.ts';

export type MailboxTlsMode = 'tls' | 'starttls' | 'none';
export type MailboxAuthMethod = 'password' | 'oauth2';
// The watcher's states are part of the wire (src/shared/mailbox-api.ts, which says what each means).
export { MAILBOX_WATCH_STATUSES, type MailboxWatchStatus } from '../../shared/mailbox-api.ts';

/** The folders a watcher reads: the inbox it watches for replies, and the sent folder. */
export const MAILBOX_FOLDER_ROLES = ['watched', 'sent'] as const;
export type MailboxFolderRole = (typeof MAILBOX_FOLDER_ROLES)[number];

/** Where the watcher stopped reading a folder. folderKey names the account and folder ("host|username|path"): a cursor saved for another account or folder is not used. */
export interface MailboxCursor {
  folderKey: string;
  uidValidity: number;
  lastUid: number;
  updatedAt: Date;
}

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
  /** Why the watcher is paused or still waiting, for a person; null while watching. */
  pausedReason: string | null;
  /** When a watcher last set the status; null since the settings were saved. */
  statusAt: Date | null;
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
  /** False when the user had no mailbox. Its folder cursors go with it. */
  deleteMailbox(userId: string): Promise<boolean>;
  /** Keeps the outcome of a test of the stored settings; null when the user has no mailbox. */
  recordMailboxTest(userId: string, test: MailboxTestRecord): Promise<MailboxRecord | null>;
  /**
   * Sets the watcher's state; reason: a sentence for the rep (why paused, or why still waiting),
   * null while watching. No-op without a mailbox. updatedAt is left alone: it says when the
   * settings changed; `at` goes to statusAt.
   */
  setMailboxWatchStatus(userId: string, status: MailboxWatchStatus, reason: string | null, at: Date): Promise<void>;
  getMailboxCursor(userId: string, role: MailboxFolderRole): Promise<MailboxCursor | null>;
  /** Creates or replaces the cursor of one role. uidValidity and lastUid: unsigned 32-bit. */
  saveMailboxCursor(
    userId: string,
    role: MailboxFolderRole,
    cursor: { folderKey: string; uidValidity: number; lastUid: number },
    at: Date,
  ): Promise<void>;
  /** Users with a mailbox, oldest first (the server starts one watcher each). */
  listMailboxUserIds(): Promise<string[]>;
}
