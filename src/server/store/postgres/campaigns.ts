// Campaigns and enrolments on PostgreSQL. A transition locks the enrolment's row (FOR UPDATE) in
// its transaction, so two server instances cannot both move the same enrolment.
import type { CampaignStore, EnrolmentState } from '../campaign-store.ts';
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
import { campaignSummary, writeCampaignEvent } from './campaign-events.ts';
import { campaignSendQueries } from './campaign-sends.ts';
import type { PgDatabase } from './database.ts';

export function campaignQueries(db: PgDatabase, subscriptions: SubscriptionCache): CampaignStore {
  return {
    ...campaignSendQueries(db, subscriptions),
    async createCampaign(campaign) {
      await db.query(
        `INSERT INTO campaigns (id, owner_user_id, team_id, name, steps_json, window_json, stop_same_company, sender_json, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        campaignParams(campaign),
      );
    },
    async getCampaign(campaignId) {
      const [row] = await db.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [campaignId]);
      return row ? toCampaign(row) : null;
    },
    async listCampaigns(userId, teamId) {
      const rows = await db.query<CampaignRow>(
        'SELECT * FROM campaigns WHERE owner_user_id = $1 OR (team_id IS NOT NULL AND team_id = $2) ORDER BY created_at DESC, id',
        [userId, teamId],
      );
      return rows.map(toCampaign);
    },
    async enrol(enrolment) {
      const [row] = await db.query<EnrolmentRow>(
        `INSERT INTO campaign_enrolments (id, campaign_id, user_id, email_token, recipient, fields_json, state, next_step, due_at,
           paused_until, stop_reason, stop_detail, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (email_token, recipient) DO NOTHING RETURNING *`,
        enrolmentParams(enrolment),
      );
      if (row) return { created: true, enrolment: toEnrolment(row) };
      const [existing] = await db.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE email_token = $1 AND recipient = $2', [
        enrolment.emailToken,
        enrolment.recipient.toLowerCase(),
      ]);
      if (!existing) throw new Error('the enrolment insert conflicted with no row');
      return { created: false, enrolment: toEnrolment(existing) };
    },
    async getEnrolment(enrolmentId) {
      const [row] = await db.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE id = $1', [enrolmentId]);
      return row ? toEnrolment(row) : null;
    },
    async listEnrolments(campaignId, userId) {
      const rows = await db.query<EnrolmentRow>(
        'SELECT * FROM campaign_enrolments WHERE campaign_id = $1 AND user_id = $2 ORDER BY created_at, id',
        [campaignId, userId],
      );
      return rows.map(toEnrolment);
    },
    async transitionEnrolment(enrolmentId, from, change, at, announce) {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE id = $1 FOR UPDATE', [enrolmentId]);
        if (!row || !from.includes(row.state as EnrolmentState)) return null;
        const next = changedEnrolment(toEnrolment(row), change, at);
        const [written] = await tx.query<EnrolmentRow>(
          `UPDATE campaign_enrolments SET state = $1, next_step = $2, due_at = $3, paused_until = $4, stop_reason = $5,
             stop_detail = $6, updated_at = $7 WHERE id = $8 RETURNING *`,
          [
            next.state,
            next.nextStep,
            next.dueAt?.getTime() ?? null,
            next.pausedUntil?.getTime() ?? null,
            next.stopReason,
            next.stopDetail,
            at.getTime(),
            enrolmentId,
          ],
        );
        if (!written) return null;
        const moved = toEnrolment(written);
        if (announce) {
          await writeCampaignEvent(tx, subscriptions, announcedEvent(moved, await campaignSummary(tx, moved.campaignId), announce, at));
        }
        return moved;
      });
    },
    async enrolmentsOnThread(userId, emailTokens) {
      if (emailTokens.length === 0) return [];
      const rows = await db.query<EnrolmentRow>(
        `SELECT * FROM campaign_enrolments
         WHERE user_id = $1 AND (email_token = ANY($2::text[])
           OR id IN (SELECT enrolment_id FROM campaign_sends WHERE user_id = $1 AND email_token = ANY($2::text[])))
         ORDER BY created_at, id`,
        [userId, [...emailTokens]],
      );
      return rows.map(toEnrolment);
    },
    async enrolmentsAtDomain(userId, campaignId, domain) {
      const rows = await db.query<EnrolmentRow>(
        `SELECT * FROM campaign_enrolments
         WHERE campaign_id = $1 AND user_id = $2 AND state IN ('active', 'paused') AND recipient LIKE $3 ESCAPE '\\'
         ORDER BY created_at, id`,
        [campaignId, userId, atDomainPattern(domain)],
      );
      return rows.map(toEnrolment);
    },
    async isCampaignStepMessage(userId, messageId) {
      const rows = await db.query('SELECT 1 FROM campaign_sends WHERE message_id = $1 AND user_id = $2', [messageId.toLowerCase(), userId]);
      return rows.length > 0;
    },
  };
}
