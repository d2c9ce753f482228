// Mailbox connections on PostgreSQL. Read rarely (settings pages, the watcher's start), so
// nothing is cached.
import type { MailboxStore } from '../mailbox-store.ts';
import {
  checkUint32,
  type MailboxCursorRow,
  type MailboxRow,
  mailboxSettingsParams,
  toMailbox,
  toMailboxCursor,
} from '../rows/mailboxes.ts';
import type { PgDatabase } from './database.ts';

export function mailboxQueries(db: PgDatabase): MailboxStore {
  return {
    async upsertMailbox(settings, at) {
      // New settings are watched afresh; createdAt and the last reply seen stay.
      const [row] = await db.query<MailboxRow>(
        `INSERT INTO mailboxes (user_id, imap_host, imap_port, imap_tls, smtp_host, smtp_port, smtp_tls, username,
           auth_method, sealed_secret, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
         ON CONFLICT (user_id) DO UPDATE SET imap_host = excluded.imap_host, imap_port = excluded.imap_port,
           imap_tls = excluded.imap_tls, smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port,
           smtp_tls = excluded.smtp_tls, username = excluded.username, auth_method = excluded.auth_method,
           sealed_secret = excluded.sealed_secret, status = 'waiting', paused_reason = NULL, status_at = NULL, last_test_at = NULL,
           last_test_failure = NULL, last_test_message = NULL, updated_at = excluded.updated_at
         RETURNING *`,
        mailboxSettingsParams(settings, at),
      );
      if (!row) throw new Error('the mailbox upsert returned no row');
      return toMailbox(row);
    },
    async getMailbox(userId) {
      const [row] = await db.query<MailboxRow>('SELECT * FROM mailboxes WHERE user_id = $1', [userId]);
      return row ? toMailbox(row) : null;
    },
    async deleteMailbox(userId) {
      return db.transaction(async (tx) => {
        await tx.query('DELETE FROM mailbox_cursors WHERE user_id = $1', [userId]);
        const rows = await tx.query('DELETE FROM mailboxes WHERE user_id = $1 RETURNING user_id', [userId]);
        return rows.length > 0;
      });
    },
    async recordMailboxTest(userId, test) {
      const [row] = await db.query<MailboxRow>(
        'UPDATE mailboxes SET last_test_at = $1, last_test_failure = $2, last_test_message = $3 WHERE user_id = $4 RETURNING *',
        [test.at.getTime(), test.failure, test.message, userId],
      );
      return row ? toMailbox(row) : null;
    },
    async setMailboxWatchStatus(userId, status, reason, at) {
      await db.query('UPDATE mailboxes SET status = $1, paused_reason = $2, status_at = $3 WHERE user_id = $4', [
        status,
        reason,
        at.getTime(),
        userId,
      ]);
    },
    async getMailboxCursor(userId, role) {
      const [row] = await db.query<MailboxCursorRow>(
        'SELECT folder_key, uid_validity, last_uid, updated_at FROM mailbox_cursors WHERE user_id = $1 AND role = $2',
        [userId, role],
      );
      return row ? toMailboxCursor(row) : null;
    },
    async saveMailboxCursor(userId, role, cursor, at) {
      const uidValidity = checkUint32('uidValidity', cursor.uidValidity);
      const lastUid = checkUint32('lastUid', cursor.lastUid);
      await db.query(
        `INSERT INTO mailbox_cursors (user_id, role, folder_key, uid_validity, last_uid, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, role) DO UPDATE SET folder_key = excluded.folder_key, uid_validity = excluded.uid_validity,
           last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
        [userId, role, cursor.folderKey, uidValidity, lastUid, at.getTime()],
      );
    },
    async listMailboxUserIds() {
      const rows = await db.query<{ user_id: string }>('SELECT user_id FROM mailboxes ORDER BY created_at, user_id');
      return rows.map((row) => row.user_id);
    },
  };
}
