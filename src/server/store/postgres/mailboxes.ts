// Mailbox connections on PostgreSQL. Read rarely (settings pages, the watcher's start), so
// nothing is cached.
import type { MailboxStore } from '../mailbox-store.ts';
import { type MailboxRow, mailboxSettingsParams, toMailbox } from '../rows/mailboxes.ts';
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
           sealed_secret = excluded.sealed_secret, status = 'waiting', paused_reason = NULL, last_test_at = NULL,
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
      const rows = await db.query('DELETE FROM mailboxes WHERE user_id = $1 RETURNING user_id', [userId]);
      return rows.length > 0;
    },
    async recordMailboxTest(userId, test) {
      const [row] = await db.query<MailboxRow>(
        'UPDATE mailboxes SET last_test_at = $1, last_test_failure = $2, last_test_message = $3 WHERE user_id = $4 RETURNING *',
        [test.at.getTime(), test.failure, test.message, userId],
      );
      return row ? toMailbox(row) : null;
    },
  };
}
