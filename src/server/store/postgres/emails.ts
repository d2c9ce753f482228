// Sent emails and the sender's self views on PostgreSQL. Unlike SQLite's, nothing is cached: several
// servers may share the database, and a cached email (or "not registered"), or a cached list of
// views, would hide another server's registration, new ids or new view. A hit reads all it needs
// in one statement (hit-state.ts); these single reads are by primary key or a small index range.
import { VIEWS_PER_TOKEN } from '../cache-sizes.ts';
import { boundedMessageRefs, type EmailRow, MAX_MESSAGE_EMAILS, storedMessageId, toEmail } from '../rows/emails.ts';
import type { EmailStore } from '../store.ts';
import type { EmailRecord } from '../types.ts';
import type { PgDatabase } from './database.ts';

export function emailQueries(db: PgDatabase): EmailStore {
  const loadEmail = async (token: string): Promise<EmailRecord | null> => {
    const [row] = await db.query<EmailRow>('SELECT * FROM emails WHERE token = $1', [token]);
    return row ? toEmail(row) : null;
  };

  return {
    async registerEmail(given) {
      const email = { ...given, rfcMessageId: storedMessageId(given.rfcMessageId) };
      const inserted = await db.query(
        `INSERT INTO emails (token, user_id, subject, to_json, cc_json, bcc_json, sent_at, gmail_thread_id,
           gmail_message_id, rfc_message_id, open_tracking, click_tracking, links_json, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (token) DO NOTHING RETURNING token`,
        [
          email.token,
          email.userId,
          email.subject,
          JSON.stringify(email.to),
          JSON.stringify(email.cc),
          JSON.stringify(email.bcc),
          email.sentAt.getTime(),
          email.gmailThreadId,
          email.gmailMessageId,
          email.rfcMessageId,
          email.openTracking ? 1 : 0,
          email.clickTracking ? 1 : 0,
          JSON.stringify(email.links),
          email.createdAt.getTime(),
        ],
      );
      if (inserted.length > 0) return { outcome: 'created', email };
      const stored = await loadEmail(email.token);
      if (!stored || stored.userId !== email.userId) return { outcome: 'conflict', email: null };
      return { outcome: 'existing', email: stored };
    },
    async updateEmailIds(userId, token, ids) {
      const [row] = await db.query<EmailRow>(
        `UPDATE emails SET gmail_thread_id = COALESCE($1, gmail_thread_id), gmail_message_id = COALESCE($2, gmail_message_id),
           rfc_message_id = COALESCE($3, rfc_message_id)
         WHERE token = $4 AND user_id = $5 RETURNING *`,
        [ids.gmailThreadId ?? null, ids.gmailMessageId ?? null, storedMessageId(ids.rfcMessageId), token, userId],
      );
      return row ? toEmail(row) : null;
    },
    getEmail: loadEmail,
    async findEmailsForMessage(userId, refs) {
      const { messageIds, tokens } = boundedMessageRefs(refs);
      if (messageIds.length === 0 && tokens.length === 0) return [];
      const rows = await db.query<EmailRow>(
        // By (user_id, rfc_message_id) and by token, as on SQLite: never a scan of the user's emails.
        `SELECT * FROM emails WHERE user_id = $1 AND token IN (
           SELECT token FROM emails WHERE user_id = $1 AND rfc_message_id = ANY($2::text[])
           UNION ALL SELECT unnest($3::text[]))
         ORDER BY sent_at DESC, token DESC LIMIT $4`,
        [userId, messageIds, tokens, MAX_MESSAGE_EMAILS],
      );
      return rows.map(toEmail);
    },
    async learnRfcMessageId(userId, token, messageId) {
      const stored = storedMessageId(messageId);
      if (!stored) return false;
      const rows = await db.query(
        'UPDATE emails SET rfc_message_id = $1 WHERE token = $2 AND user_id = $3 AND rfc_message_id IS NULL RETURNING token',
        [stored, token, userId],
      );
      return rows.length > 0;
    },
    async addSelfView(token, view) {
      await db.query('INSERT INTO self_views (email_token, user_id, device_id, at) VALUES ($1, $2, $3, $4)', [
        token,
        view.userId,
        view.deviceId,
        view.at.getTime(),
      ]);
    },
    async listSelfViews(token, userId, since) {
      // The newest VIEWS_PER_TOKEN since `since`, oldest first: what SQLite's cached newest views give.
      const rows = await db.query<{ device_id: string; at: number }>(
        'SELECT device_id, at FROM self_views WHERE email_token = $1 AND user_id = $2 AND at >= $3 ORDER BY at DESC LIMIT $4',
        [token, userId, since.getTime(), VIEWS_PER_TOKEN],
      );
      return rows.reverse().map((row) => ({ userId, deviceId: row.device_id, at: new Date(row.at) }));
    },
  };
}
