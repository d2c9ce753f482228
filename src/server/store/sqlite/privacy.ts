// Retention, erasure and a rep's own rows on SQLite. Candidate rows are found by the address's
// text (instr), then kept only when they name the whole address (rows/privacy.ts); each erasure
// is one transaction, so a crash leaves the address either everywhere or nowhere it was.
import { type DocumentRow, toDocument } from '../rows/documents.ts';
import { type EmailRow, toEmail } from '../rows/emails.ts';
import { type EventRow, toStoredEvent } from '../rows/events.ts';
import { mentionsAddress, retentionCutoff, withoutAddress } from '../rows/privacy.ts';
import type { ForgetCounts, PrivacyStore, PurgeCounts } from '../privacy-store.ts';
import type { SqliteDatabase } from './database.ts';

type Lists = Pick<EmailRow, 'token' | 'to_json' | 'cc_json' | 'bcc_json'>;

export function privacyQueries(db: SqliteDatabase): PrivacyStore {
  const setRetention = db.prepare('UPDATE teams SET retention_days = ? WHERE id = ?');
  const getRetention = db.prepare<[string], { retention_days: number | null }>('SELECT retention_days FROM teams WHERE id = ?');
  const retainingTeams = db.prepare<[], { id: string; retention_days: number }>(
    'SELECT id, retention_days FROM teams WHERE retention_days IS NOT NULL',
  );
  const purgeEvents = db.prepare('DELETE FROM events WHERE at < ? AND user_id IN (SELECT id FROM users WHERE team_id = ?)');
  // An event's webhook deliveries go with it: a queued one could never be sent (its body is the
  // event) and would hold back the later deliveries of its email.
  const purgeDeliveries = db.prepare(`DELETE FROM crm_deliveries WHERE event_id IN
    (SELECT id FROM events WHERE at < ? AND user_id IN (SELECT id FROM users WHERE team_id = ?))`);
  const purgeVisits = db.prepare(`DELETE FROM document_visits WHERE last_at < ? AND link_token IN
    (SELECT l.token FROM document_links l JOIN documents d ON d.id = l.document_id WHERE d.team_id = ?)`);
  const eventCandidates = db.prepare<[string], Pick<EventRow, 'id' | 'details_json' | 'url' | 'user_agent'>>(
    `SELECT id, details_json, url, user_agent FROM events
     WHERE instr(lower(coalesce(details_json, '') || ' ' || coalesce(url, '') || ' ' || coalesce(user_agent, '')), ?) > 0`,
  );
  const deleteEvent = db.prepare('DELETE FROM events WHERE id = ?');
  const deleteMailEvent = db.prepare('DELETE FROM mail_events WHERE event_id = ?');
  const deleteDeliveries = db.prepare('DELETE FROM crm_deliveries WHERE event_id = ?');
  const visitCandidates = db.prepare<[string], { link_token: string; visit_id: string; viewer_email: string | null; state_json: string }>(
    `SELECT link_token, visit_id, viewer_email, state_json FROM document_visits
     WHERE instr(lower(coalesce(viewer_email, '') || ' ' || state_json), ?) > 0`,
  );
  const deleteVisit = db.prepare('DELETE FROM document_visits WHERE link_token = ? AND visit_id = ?');
  const listCandidates = db.prepare<[string], Lists>(
    `SELECT token, to_json, cc_json, bcc_json FROM emails WHERE instr(lower(to_json || cc_json || bcc_json), ?) > 0`,
  );
  const setLists = db.prepare('UPDATE emails SET to_json = ?, cc_json = ?, bcc_json = ? WHERE token = ?');
  // Enrolments keep their recipient lowercased, so the whole address matches exactly.
  const deleteSends = db.prepare(
    'DELETE FROM campaign_sends WHERE enrolment_id IN (SELECT id FROM campaign_enrolments WHERE recipient = ?)',
  );
  const deleteEnrolments = db.prepare('DELETE FROM campaign_enrolments WHERE recipient = ?');
  const emailsOf = db.prepare<[string], EmailRow>('SELECT * FROM emails WHERE user_id = ? ORDER BY sent_at, token');
  const eventsOf = db.prepare<[string], EventRow>('SELECT * FROM events WHERE user_id = ? ORDER BY seq');
  const documentsOf = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE owner_id = ? ORDER BY created_at, id');

  const purge = db.transaction((now: Date): PurgeCounts => {
    const counts = { events: 0, documentVisits: 0 };
    for (const team of retainingTeams.all()) {
      const cutoff = retentionCutoff(now, team.retention_days);
      purgeDeliveries.run(cutoff, team.id);
      counts.events += purgeEvents.run(cutoff, team.id).changes;
      counts.documentVisits += purgeVisits.run(cutoff, team.id).changes;
    }
    return counts;
  });

  const forget = db.transaction((address: string): ForgetCounts => {
    const counts = { events: 0, documentVisits: 0, mailEvents: 0, emailRecipientLists: 0, campaignEnrolments: 0 };
    for (const row of eventCandidates.all(address)) {
      if (![row.details_json, row.url, row.user_agent].some((text) => mentionsAddress(text, address))) continue;
      counts.mailEvents += deleteMailEvent.run(row.id).changes;
      deleteDeliveries.run(row.id);
      counts.events += deleteEvent.run(row.id).changes;
    }
    for (const row of visitCandidates.all(address)) {
      if (!mentionsAddress(row.viewer_email, address) && !mentionsAddress(row.state_json, address)) continue;
      counts.documentVisits += deleteVisit.run(row.link_token, row.visit_id).changes;
    }
    for (const row of listCandidates.all(address)) {
      const lists = [row.to_json, row.cc_json, row.bcc_json].map((json) => JSON.parse(json) as string[]);
      const kept = lists.map((list) => withoutAddress(list, address));
      if (kept.every((list, index) => list.length === lists[index]?.length)) continue;
      setLists.run(...kept.map((list) => JSON.stringify(list)), row.token);
      counts.emailRecipientLists += 1;
    }
    deleteSends.run(address);
    counts.campaignEnrolments = deleteEnrolments.run(address).changes;
    return counts;
  });

  return {
    async setTeamRetention(teamId, days) {
      return setRetention.run(days, teamId).changes > 0;
    },
    async getTeamRetention(teamId) {
      return getRetention.get(teamId)?.retention_days ?? null;
    },
    async purgeExpired(now) {
      return purge(now);
    },
    async forgetAddress(address) {
      return forget(address.toLowerCase());
    },
    async userRows(userId) {
      return {
        emails: emailsOf.all(userId).map(toEmail),
        events: eventsOf.all(userId).map(toStoredEvent),
        documents: documentsOf.all(userId).map(toDocument),
      };
    },
  };
}
