// Sent emails and the sender's self views on SQLite.
import type { Store } from '../store.ts';
import type { EmailRecord, TrackedLink } from '../types.ts';
import type { SqliteDatabase } from './database.ts';

type EmailMethods = Pick<Store, 'registerEmail' | 'updateEmailIds' | 'getEmail' | 'addSelfView' | 'listSelfViews'>;

export interface EmailRow {
  token: string;
  user_id: string;
  subject: string;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  sent_at: number;
  gmail_thread_id: string | null;
  gmail_message_id: string | null;
  rfc_message_id: string | null;
  open_tracking: number;
  click_tracking: number;
  links_json: string;
  created_at: number;
}

export const toEmail = (row: EmailRow): EmailRecord => ({
  token: row.token,
  userId: row.user_id,
  subject: row.subject,
  to: JSON.parse(row.to_json) as string[],
  cc: JSON.parse(row.cc_json) as string[],
  bcc: JSON.parse(row.bcc_json) as string[],
  sentAt: new Date(row.sent_at),
  gmailThreadId: row.gmail_thread_id,
  gmailMessageId: row.gmail_message_id,
  rfcMessageId: row.rfc_message_id,
  openTracking: row.open_tracking === 1,
  clickTracking: row.click_tracking === 1,
  links: JSON.parse(row.links_json) as TrackedLink[],
  createdAt: new Date(row.created_at),
});

export function emailQueries(db: SqliteDatabase): EmailMethods {
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
  const insertView = db.prepare('INSERT INTO self_views (email_token, user_id, device_id, at) VALUES (?, ?, ?, ?)');
  const viewsSince = db.prepare<[string, number], { user_id: string; device_id: string; at: number }>(
    'SELECT user_id, device_id, at FROM self_views WHERE email_token = ? AND at >= ? ORDER BY at DESC LIMIT 100',
  );

  return {
    async registerEmail(email) {
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
      if (inserted.changes > 0) return { outcome: 'created', email };
      const row = byToken.get(email.token);
      if (!row || row.user_id !== email.userId) return { outcome: 'conflict', email: null };
      return { outcome: 'existing', email: toEmail(row) };
    },
    async updateEmailIds(userId, token, ids) {
      const row = updateIds.get(ids.gmailThreadId ?? null, ids.gmailMessageId ?? null, ids.rfcMessageId ?? null, token, userId);
      return row ? toEmail(row) : null;
    },
    async getEmail(token) {
      const row = byToken.get(token);
      return row ? toEmail(row) : null;
    },
    async addSelfView(token, view) {
      insertView.run(token, view.userId, view.deviceId, view.at.getTime());
    },
    async listSelfViews(token, since) {
      // Newest 100 from the database, handed on oldest first.
      return viewsSince
        .all(token, since.getTime())
        .reverse()
        .map((row) => ({ userId: row.user_id, deviceId: row.device_id, at: new Date(row.at) }));
    },
  };
}
