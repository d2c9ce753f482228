// Campaigns and enrolments on SQLite: one prepared statement per method. A transition reads and
// writes in one immediate transaction, so two callers cannot both move the same enrolment.
import type { CampaignStore, EnrolmentRecord } from '../campaign-store.ts';
import { announcedEvent } from '../rows/campaign-events.ts';
import {
  atDomainPattern,
  type CampaignRow,
  campaignParams,
  changedEnrolment,
  type EnrolmentRow,
  enrolmentParams,
  toCampaign,
  toEnrolment,
} from '../rows/campaigns.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import { campaignEventWriter } from './campaign-events.ts';
import { campaignSendQueries } from './campaign-sends.ts';
import type { SqliteDatabase } from './database.ts';

type Param = string | number | null;

export function campaignQueries(db: SqliteDatabase, subscriptions: SubscriptionCache): CampaignStore {
  const events = campaignEventWriter(db, subscriptions);
  const insertCampaign = db.prepare<Param[]>(`INSERT INTO campaigns (id, owner_user_id, team_id, name, steps_json,
      window_json, stop_same_company, sender_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const campaignById = db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE id = ?');
  const campaignsOf = db.prepare<[string, string | null], CampaignRow>(
    'SELECT * FROM campaigns WHERE owner_user_id = ? OR (team_id IS NOT NULL AND team_id = ?) ORDER BY created_at DESC, id',
  );
  const insertEnrolment = db.prepare<Param[], EnrolmentRow>(`INSERT INTO campaign_enrolments (id, campaign_id, user_id,
      email_token, recipient, fields_json, state, next_step, due_at, paused_until, stop_reason, stop_detail, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email_token, recipient) DO NOTHING RETURNING *`);
  const enrolmentOf = db.prepare<[string, string], EnrolmentRow>(
    'SELECT * FROM campaign_enrolments WHERE email_token = ? AND recipient = ?',
  );
  const enrolmentById = db.prepare<[string], EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE id = ?');
  const enrolmentsOf = db.prepare<[string, string], EnrolmentRow>(
    'SELECT * FROM campaign_enrolments WHERE campaign_id = ? AND user_id = ? ORDER BY created_at, id',
  );
  const writeEnrolment = db.prepare<Param[], EnrolmentRow>(`UPDATE campaign_enrolments SET state = ?, next_step = ?, due_at = ?,
      paused_until = ?, stop_reason = ?, stop_detail = ?, updated_at = ? WHERE id = ? RETURNING *`);

  const onThread = db.prepare<[string, string, string, string], EnrolmentRow>(`SELECT * FROM campaign_enrolments
    WHERE user_id = ? AND (email_token IN (SELECT value FROM json_each(?))
      OR id IN (SELECT enrolment_id FROM campaign_sends WHERE user_id = ? AND email_token IN (SELECT value FROM json_each(?))))
    ORDER BY created_at, id`);
  const atDomain = db.prepare<[string, string, string], EnrolmentRow>(`SELECT * FROM campaign_enrolments
    WHERE campaign_id = ? AND user_id = ? AND state IN ('active', 'paused') AND recipient LIKE ? ESCAPE '\\'
    ORDER BY created_at, id`);
  const stepMessage = db.prepare<[string, string], { found: number }>(
    'SELECT 1 AS found FROM campaign_sends WHERE message_id = ? AND user_id = ?',
  );

  const enrol = db.transaction((enrolment: EnrolmentRecord) => {
    const row = insertEnrolment.get(...enrolmentParams(enrolment));
    if (row) return { created: true, enrolment: toEnrolment(row) };
    const existing = enrolmentOf.get(enrolment.emailToken, enrolment.recipient.toLowerCase());
    if (!existing) throw new Error('the enrolment insert conflicted with no row');
    return { created: false, enrolment: toEnrolment(existing) };
  });

  const transition = db.transaction((...[enrolmentId, from, change, at, announce]: Parameters<CampaignStore['transitionEnrolment']>) => {
    const row = enrolmentById.get(enrolmentId);
    if (!row || !from.includes(row.state as EnrolmentRecord['state'])) return null;
    const next = changedEnrolment(toEnrolment(row), change, at);
    const written = writeEnrolment.get(
      next.state,
      next.nextStep,
      next.dueAt?.getTime() ?? null,
      next.pausedUntil?.getTime() ?? null,
      next.stopReason,
      next.stopDetail,
      at.getTime(),
      enrolmentId,
    );
    if (!written) return null;
    const moved = toEnrolment(written);
    if (announce) events.write(announcedEvent(moved, events.summaryOf(moved.campaignId), announce, at));
    return moved;
  });

  return {
    ...campaignSendQueries(db, events),
    async createCampaign(campaign) {
      insertCampaign.run(...campaignParams(campaign));
    },
    async getCampaign(campaignId) {
      const row = campaignById.get(campaignId);
      return row ? toCampaign(row) : null;
    },
    async listCampaigns(userId, teamId) {
      return campaignsOf.all(userId, teamId).map(toCampaign);
    },
    async enrol(enrolment) {
      return enrol.immediate(enrolment);
    },
    async getEnrolment(enrolmentId) {
      const row = enrolmentById.get(enrolmentId);
      return row ? toEnrolment(row) : null;
    },
    async listEnrolments(campaignId, userId) {
      return enrolmentsOf.all(campaignId, userId).map(toEnrolment);
    },
    async transitionEnrolment(enrolmentId, from, change, at, announce) {
      return transition.immediate(enrolmentId, from, change, at, announce);
    },
    async enrolmentsOnThread(userId, emailTokens) {
      if (emailTokens.length === 0) return [];
      const tokens = JSON.stringify(emailTokens);
      return onThread.all(userId, tokens, userId, tokens).map(toEnrolment);
    },
    async enrolmentsAtDomain(userId, campaignId, domain) {
      return atDomain.all(campaignId, userId, atDomainPattern(domain)).map(toEnrolment);
    },
    async isCampaignStepMessage(userId, messageId) {
      return stepMessage.get(messageId.toLowerCase(), userId) !== undefined;
    },
  };
}
