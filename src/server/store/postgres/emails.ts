// Sent emails and the sender's self views on PostgreSQL. Every hit reads both, so they are cached
// as on SQLite: only this process writes these tables (the CLI writes accounts only). Unlike
// SQLite's synchronous calls, statements here interleave, so the caches follow two rules: a read
// fills the cache only if no write of its key ended meanwhile (else it could store what the write
// replaced), and an email write drops the cached email rather than storing its own result (two
// writes of one token may end in another order than they were applied).
import { CACHED_EMAILS, CACHED_VIEW_LISTS, VIEWS_PER_TOKEN } from '../cache-sizes.ts';
import { addToNewestViews, viewsKey } from '../newest-self-views.ts';
import { boundedMessageRefs, type EmailRow, MAX_MESSAGE_EMAILS, storedMessageId, toEmail } from '../rows/emails.ts';
import type { EmailStore } from '../store.ts';
import type { EmailRecord, SelfView } from '../types.ts';
import type { PgDatabase } from './database.ts';
import { readThroughCache } from './read-through-cache.ts';

export function emailQueries(db: PgDatabase): EmailStore {
  // null: known not to be registered (pixels of unknown tokens are common too).
  const emails = readThroughCache<EmailRecord | null>(CACHED_EMAILS);
  // The newest VIEWS_PER_TOKEN views of a token by one user (viewsKey), oldest first. Filtering them by time gives what
  // "newest N since t" gives: every view newer than one at or after t is also after t.
  const views = readThroughCache<SelfView[]>(CACHED_VIEW_LISTS);

  const loadEmail = async (token: string): Promise<EmailRecord | null> => {
    const [row] = await db.query<EmailRow>('SELECT * FROM emails WHERE token = $1', [token]);
    return row ? toEmail(row) : null;
  };
  const loadViews = async (token: string, userId: string): Promise<SelfView[]> => {
    const rows = await db.query<{ user_id: string; device_id: string; at: number }>(
      'SELECT user_id, device_id, at FROM self_views WHERE email_token = $1 AND user_id = $2 ORDER BY at DESC LIMIT $3',
      [token, userId, VIEWS_PER_TOKEN],
    );
    return rows.reverse().map((row) => ({ userId: row.user_id, deviceId: row.device_id, at: new Date(row.at) }));
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
      if (inserted.length > 0) {
        // Drops a cached "not registered" too.
        emails.written(email.token);
        return { outcome: 'created', email };
      }
      // From the database: a concurrent registration of the token may not have dropped its cached null yet.
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
      if (!row) return null;
      emails.written(token);
      return toEmail(row);
    },
    async getEmail(token) {
      return emails.read(token, () => loadEmail(token));
    },
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
      if (rows.length === 0) return false;
      emails.written(token);
      return true;
    },
    async addSelfView(token, view) {
      await db.query('INSERT INTO self_views (email_token, user_id, device_id, at) VALUES ($1, $2, $3, $4)', [
        token,
        view.userId,
        view.deviceId,
        view.at.getTime(),
      ]);
      // Adding views to the newest ones gives the same list in any order: the cached list may be kept.
      views.written(viewsKey(token, view.userId), (list) =>
        addToNewestViews(list, { userId: view.userId, deviceId: view.deviceId, at: view.at }),
      );
    },
    async listSelfViews(token, userId, since) {
      const from = since.getTime();
      const list = await views.read(viewsKey(token, userId), () => loadViews(token, userId));
      return list.filter((view) => view.at.getTime() >= from);
    },
  };
}
