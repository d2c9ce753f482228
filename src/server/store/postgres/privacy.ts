// Retention, erasure and a rep's own rows on PostgreSQL. Candidate rows are found by the address's
// text (strpos), then kept only when they name the whole address (rows/privacy.ts); each erasure
// is one transaction, so a failure leaves the address either everywhere or nowhere it was.
import { type DocumentRow, toDocument } from '../rows/documents.ts';
import { type EmailRow, toEmail } from '../rows/emails.ts';
import { type EventRow, toStoredEvent } from '../rows/events.ts';
import { mentionsAddress, retentionCutoff, withoutAddress } from '../rows/privacy.ts';
import type { ForgetCounts, PrivacyStore, PurgeCounts } from '../privacy-store.ts';
import type { PgDatabase } from './database.ts';

type Lists = Pick<EmailRow, 'token' | 'to_json' | 'cc_json' | 'bcc_json'>;

export function privacyQueries(db: PgDatabase): PrivacyStore {
  return {
    async setTeamRetention(teamId, days) {
      const rows = await db.query('UPDATE teams SET retention_days = $1 WHERE id = $2 RETURNING id', [days, teamId]);
      return rows.length > 0;
    },
    async getTeamRetention(teamId) {
      const [row] = await db.query<{ retention_days: number | null }>('SELECT retention_days FROM teams WHERE id = $1', [teamId]);
      return row?.retention_days ?? null;
    },
    async purgeExpired(now) {
      return db.transaction(async (tx): Promise<PurgeCounts> => {
        const counts = { events: 0, documentVisits: 0 };
        const teams = await tx.query<{ id: string; retention_days: number }>(
          'SELECT id, retention_days FROM teams WHERE retention_days IS NOT NULL',
        );
        for (const team of teams) {
          const cutoff = retentionCutoff(now, team.retention_days);
          const events = await tx.query<{ id: string }>(
            'DELETE FROM events WHERE at < $1 AND user_id IN (SELECT id FROM users WHERE team_id = $2) RETURNING id',
            [cutoff, team.id],
          );
          // An event's webhook deliveries go with it: a queued one could never be sent (its body is
          // the event) and would hold back the later deliveries of its email.
          const gone = events.map((row) => row.id);
          if (gone.length > 0) await tx.query('DELETE FROM crm_deliveries WHERE event_id = ANY($1)', [gone]);
          const visits = await tx.query(
            `DELETE FROM document_visits WHERE last_at < $1 AND link_token IN
               (SELECT l.token FROM document_links l JOIN documents d ON d.id = l.document_id WHERE d.team_id = $2)
             RETURNING visit_id`,
            [cutoff, team.id],
          );
          counts.events += events.length;
          counts.documentVisits += visits.length;
        }
        return counts;
      });
    },
    async forgetAddress(rawAddress) {
      const address = rawAddress.toLowerCase();
      return db.transaction(async (tx): Promise<ForgetCounts> => {
        const counts = { events: 0, documentVisits: 0, mailEvents: 0, emailRecipientLists: 0, campaignEnrolments: 0 };
        const events = await tx.query<Pick<EventRow, 'id' | 'details_json' | 'url' | 'user_agent'>>(
          `SELECT id, details_json, url, user_agent FROM events
           WHERE strpos(lower(coalesce(details_json, '') || ' ' || coalesce(url, '') || ' ' || coalesce(user_agent, '')), $1) > 0`,
          [address],
        );
        const eventIds = events
          .filter((row) => [row.details_json, row.url, row.user_agent].some((text) => mentionsAddress(text, address)))
          .map((row) => row.id);
        if (eventIds.length > 0) {
          counts.mailEvents = (await tx.query('DELETE FROM mail_events WHERE event_id = ANY($1) RETURNING event_id', [eventIds])).length;
          counts.events = (await tx.query('DELETE FROM events WHERE id = ANY($1) RETURNING id', [eventIds])).length;
          await tx.query('DELETE FROM crm_deliveries WHERE event_id = ANY($1)', [eventIds]);
        }
        const visits = await tx.query<{ link_token: string; visit_id: string; viewer_email: string | null; state_json: string }>(
          `SELECT link_token, visit_id, viewer_email, state_json FROM document_visits
           WHERE strpos(lower(coalesce(viewer_email, '') || ' ' || state_json), $1) > 0`,
          [address],
        );
        for (const row of visits) {
          if (!mentionsAddress(row.viewer_email, address) && !mentionsAddress(row.state_json, address)) continue;
          await tx.query('DELETE FROM document_visits WHERE link_token = $1 AND visit_id = $2', [row.link_token, row.visit_id]);
          counts.documentVisits += 1;
        }
        const emails = await tx.query<Lists>(
          'SELECT token, to_json, cc_json, bcc_json FROM emails WHERE strpos(lower(to_json || cc_json || bcc_json), $1) > 0',
          [address],
        );
        for (const row of emails) {
          const lists = [row.to_json, row.cc_json, row.bcc_json].map((json) => JSON.parse(json) as string[]);
          const kept = lists.map((list) => withoutAddress(list, address));
          if (kept.every((list, index) => list.length === lists[index]?.length)) continue;
          await tx.query('UPDATE emails SET to_json = $1, cc_json = $2, bcc_json = $3 WHERE token = $4', [
            ...kept.map((list) => JSON.stringify(list)),
            row.token,
          ]);
          counts.emailRecipientLists += 1;
        }
        // Enrolments keep their recipient lowercased, so the whole address matches exactly.
        await tx.query('DELETE FROM campaign_sends WHERE enrolment_id IN (SELECT id FROM campaign_enrolments WHERE recipient = $1)', [
          address,
        ]);
        counts.campaignEnrolments = (await tx.query('DELETE FROM campaign_enrolments WHERE recipient = $1 RETURNING id', [address])).length;
        return counts;
      });
    },
    async userRows(userId) {
      const [emails, events, documents] = await Promise.all([
        db.query<EmailRow>('SELECT * FROM emails WHERE user_id = $1 ORDER BY sent_at, token', [userId]),
        db.query<EventRow>('SELECT * FROM events WHERE user_id = $1 ORDER BY seq', [userId]),
        db.query<DocumentRow>('SELECT * FROM documents WHERE owner_id = $1 ORDER BY created_at, id', [userId]),
      ]);
      return { emails: emails.map(toEmail), events: events.map(toStoredEvent), documents: documents.map(toDocument) };
    },
  };
}
