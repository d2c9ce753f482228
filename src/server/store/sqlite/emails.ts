// Sent emails and the sender's self views on SQLite. Every hit reads both, so they are cached:
// only this process writes these tables (the CLI writes accounts only), and the writes below keep
// the caches exact.
import { CACHED_EMAILS, CACHED_VIEW_LISTS, VIEWS_PER_TOKEN } from '../cache-sizes.ts';
import { LruCache } from '../../lib/lru-cache.ts';
import { addToNewestViews, viewsKey } from '../newest-self-views.ts';
import { boundedMessageRefs, type EmailRow, MAX_MESSAGE_EMAILS, storedMessageId, toEmail } from '../rows/emails.ts';
import type { EmailStore } from '../store.ts';
import type { EmailRecord, SelfView } from '../types.ts';
import type { SqliteDatabase } from './database.ts';

export function emailQueries(db: SqliteDatabase): EmailStore {
  const insert = db.prepare(`INSERT INTO emails (token, user_id, subject, to_json, cc_json, bcc_json, sent_at,
      gmail_thread_id, gmail_message_id, rfc_message_id, open_tracking, click_tracking, links_json, created_at)
    VALUES (@token, @userId, @subject, @to, @cc, @bcc, @sentAt, @gmailThreadId, @gmailMessageId, @rfcMessageId,
      @openTracking, @clickTracking, @links, @createdAt)
    ON CONFLICT (token) DO NOTHING`);
  const byToken = db.prepare<[string], EmailRow>('SELECT * FROM emails WHERE token = ?');
  const updateIds = db.prepare<[string | null, string | null, string | null, string, string], EmailRow>(
    `UPDATE emails SET gmail_thread_id = COALESCE(?, gmail_thread_id), gmail_message_id = COALESCE(?, gmail_message_id),
       rfc_message_id = COALESCE(?, rfc_message_id)
     WHERE token = ? AND user_id = ? RETURNING *`,
  );
  // Refs travel as JSON arrays: one statement whatever their number (bounded by boundedMessageRefs).
  // Looked up by (user_id, rfc_message_id) and by token, never by scanning the user's emails
  // (`+user_id` keeps SQLite from picking emails_by_user for the outer query).
  const forMessage = db.prepare<[string, string, string, string, number], EmailRow>(
    `SELECT * FROM emails WHERE +user_id = ? AND token IN (
       SELECT token FROM emails WHERE user_id = ? AND rfc_message_id IN (SELECT value FROM json_each(?))
       UNION ALL SELECT value FROM json_each(?))
     ORDER BY sent_at DESC, token DESC LIMIT ?`,
  );
  const learnId = db.prepare<[string, string, string], EmailRow>(
    'UPDATE emails SET rfc_message_id = ? WHERE token = ? AND user_id = ? AND rfc_message_id IS NULL RETURNING *',
  );
  const insertView = db.prepare('INSERT INTO self_views (email_token, user_id, device_id, at) VALUES (?, ?, ?, ?)');
  const newestViews = db.prepare<[string, string, number], { user_id: string; device_id: string; at: number }>(
    'SELECT user_id, device_id, at FROM self_views WHERE email_token = ? AND user_id = ? ORDER BY at DESC LIMIT ?',
  );
  // null: known not to be registered (pixels of unknown tokens are common too).
  const emails = new LruCache<string, EmailRecord | null>(CACHED_EMAILS);
  // The newest VIEWS_PER_TOKEN views of a token by one user (viewsKey), oldest first. Filtering them by time gives what
  // "newest N since t" gives: every view newer than one at or after t is also after t.
  const views = new LruCache<string, SelfView[]>(CACHED_VIEW_LISTS);

  const viewsOf = (token: string, userId: string): SelfView[] => {
    let list = views.get(viewsKey(token, userId));
    if (!list) {
      list = newestViews
        .all(token, userId, VIEWS_PER_TOKEN)
        .reverse()
        .map((row) => ({ userId: row.user_id, deviceId: row.device_id, at: new Date(row.at) }));
      views.set(viewsKey(token, userId), list);
    }
    return list;
  };

  return {
    async registerEmail(given) {
      const email = { ...given, rfcMessageId: storedMessageId(given.rfcMessageId) };
      const inserted = insert.run({
        ...email,
        to: JSON.stringify(email.to),
        cc: JSON.stringify(email.cc),
        bcc: JSON.stringify(email.bcc),
        sentAt: email.sentAt.getTime(),
        openTracking: email.openTracking ? 1 : 0,
        clickTracking: email.clickTracking ? 1 : 0,
        links: JSON.stringify(email.links),
        createdAt: email.createdAt.getTime(),
      });
      if (inserted.changes > 0) {
        emails.set(email.token, email);
        return { outcome: 'created', email };
      }
      const row = byToken.get(email.token);
      const stored = row ? toEmail(row) : null;
      emails.set(email.token, stored);
      if (!stored || stored.userId !== email.userId) return { outcome: 'conflict', email: null };
      return { outcome: 'existing', email: stored };
    },
    async updateEmailIds(userId, token, ids) {
      const rfcMessageId = storedMessageId(ids.rfcMessageId);
      const row = updateIds.get(ids.gmailThreadId ?? null, ids.gmailMessageId ?? null, rfcMessageId, token, userId);
      if (!row) return null;
      const email = toEmail(row);
      emails.set(token, email);
      return email;
    },
    async getEmail(token) {
      const cached = emails.get(token);
      if (cached !== undefined) return cached;
      const row = byToken.get(token);
      const email = row ? toEmail(row) : null;
      emails.set(token, email);
      return email;
    },
    async findEmailsForMessage(userId, refs) {
      const { messageIds, tokens } = boundedMessageRefs(refs);
      if (messageIds.length === 0 && tokens.length === 0) return [];
      return forMessage.all(userId, userId, JSON.stringify(messageIds), JSON.stringify(tokens), MAX_MESSAGE_EMAILS).map(toEmail);
    },
    async learnRfcMessageId(userId, token, messageId) {
      const stored = storedMessageId(messageId);
      if (!stored) return false;
      const row = learnId.get(stored, token, userId);
      if (!row) return false;
      emails.set(token, toEmail(row));
      return true;
    },
    async addSelfView(token, view) {
      insertView.run(token, view.userId, view.deviceId, view.at.getTime());
      const list = views.peek(viewsKey(token, view.userId));
      if (list) addToNewestViews(list, { userId: view.userId, deviceId: view.deviceId, at: view.at });
    },
    async listSelfViews(token, userId, since) {
      const from = since.getTime();
      return viewsOf(token, userId).filter((view) => view.at.getTime() >= from);
    },
  };
}
