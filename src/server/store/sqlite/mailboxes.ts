// Mailbox connections on SQLite: one prepared statement per method. Read rarely (settings pages,
// the watcher's start), so nothing is cached.
import type { MailboxStore } from '../mailbox-store.ts';
import {
  checkUint32,
  type MailboxCursorRow,
  type MailboxRow,
  mailboxSettingsParams,
  toMailbox,
  toMailboxCursor,
} from '../rows/mailboxes.ts';
import type { SqliteDatabase } from './database.ts';

export function mailboxQueries(db: SqliteDatabase): MailboxStore {
  // New settings are watched afresh; createdAt and the last reply seen stay.
  const upsert = db.prepare<(string | number)[], MailboxRow>(`INSERT INTO mailboxes (user_id, imap_host, imap_port, imap_tls,
      smtp_host, smtp_port, smtp_tls, username, auth_method, sealed_secret, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET imap_host = excluded.imap_host, imap_port = excluded.imap_port,
      imap_tls = excluded.imap_tls, smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port,
      smtp_tls = excluded.smtp_tls, username = excluded.username, auth_method = excluded.auth_method,
      sealed_secret = excluded.sealed_secret, status = 'waiting', paused_reason = NULL, status_at = NULL, last_test_at = NULL,
      last_test_failure = NULL, last_test_message = NULL, updated_at = excluded.updated_at
    RETURNING *`);
  const byUser = db.prepare<[string], MailboxRow>('SELECT * FROM mailboxes WHERE user_id = ?');
  const remove = db.prepare<[string]>('DELETE FROM mailboxes WHERE user_id = ?');
  const removeCursors = db.prepare<[string]>('DELETE FROM mailbox_cursors WHERE user_id = ?');
  const removeAll = db.transaction((userId: string) => {
    removeCursors.run(userId);
    return remove.run(userId).changes > 0;
  });
  const setStatus = db.prepare<[string, string | null, number, string]>(
    'UPDATE mailboxes SET status = ?, paused_reason = ?, status_at = ? WHERE user_id = ?',
  );
  const cursorOf = db.prepare<[string, string], MailboxCursorRow>(
    'SELECT folder_key, uid_validity, last_uid, updated_at FROM mailbox_cursors WHERE user_id = ? AND role = ?',
  );
  const saveCursor = db.prepare<[string, string, string, number, number, number]>(`INSERT INTO mailbox_cursors
      (user_id, role, folder_key, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id, role) DO UPDATE SET folder_key = excluded.folder_key, uid_validity = excluded.uid_validity,
      last_uid = excluded.last_uid, updated_at = excluded.updated_at`);
  const userIds = db.prepare<[], { user_id: string }>('SELECT user_id FROM mailboxes ORDER BY created_at, user_id');
  const recordTest = db.prepare<[number, string | null, string, string], MailboxRow>(`UPDATE mailboxes
    SET last_test_at = ?, last_test_failure = ?, last_test_message = ? WHERE user_id = ? RETURNING *`);

  return {
    async upsertMailbox(settings, at) {
      // The time twice: created_at and updated_at.
      const row = upsert.get(...mailboxSettingsParams(settings, at), at.getTime());
      if (!row) throw new Error('the mailbox upsert returned no row');
      return toMailbox(row);
    },
    async getMailbox(userId) {
      const row = byUser.get(userId);
      return row ? toMailbox(row) : null;
    },
    async deleteMailbox(userId) {
      return removeAll.immediate(userId);
    },
    async recordMailboxTest(userId, test) {
      const row = recordTest.get(test.at.getTime(), test.failure, test.message, userId);
      return row ? toMailbox(row) : null;
    },
    async setMailboxWatchStatus(userId, status, reason, at) {
      setStatus.run(status, reason, at.getTime(), userId);
    },
    async getMailboxCursor(userId, role) {
      const row = cursorOf.get(userId, role);
      return row ? toMailboxCursor(row) : null;
    },
    async saveMailboxCursor(userId, role, cursor, at) {
      const uidValidity = checkUint32('uidValidity', cursor.uidValidity);
      const lastUid = checkUint32('lastUid', cursor.lastUid);
      saveCursor.run(userId, role, cursor.folderKey, uidValidity, lastUid, at.getTime());
    },
    async listMailboxUserIds() {
      return userIds.all().map((row) => row.user_id);
    },
  };
}
