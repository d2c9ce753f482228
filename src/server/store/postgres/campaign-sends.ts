// The campaign sending state machine on PostgreSQL, safe with several server instances on one
// database: a claim takes the due enrolment's row FOR UPDATE SKIP LOCKED (another instance skips
// it), looks afresh at its thread's replies and bounces (and its company's replies), and inserts
// the claim row (ON CONFLICT: a concurrent claim won, nothing is returned). An expired lease is
// taken over only by a conditional update. Completion checks the claim is still the caller's.
// Out-of-office pauses that ended are resumed first; each change writes its feed event with it.
import { companyDomainOf } from '../../campaigns/free-mail.ts';
import type { CampaignStore, EnrolmentRecord } from '../campaign-store.ts';
import { stepSentEvent, stoppedEvent } from '../rows/campaign-events.ts';
import {
  atDomainPattern,
  changedEnrolment,
  type EnrolmentRow,
  outcomeChange,
  type StepSendRow,
  threadStop,
  type ThreadStopRow,
  toEnrolment,
  toStepSend,
} from '../rows/campaigns.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import { campaignSummary, writeCampaignEvent } from './campaign-events.ts';
import type { PgDatabase, PgQueryable } from './database.ts';

type SendMethods = Pick<CampaignStore, 'claimDueStep' | 'completeStep' | 'noteStepSmtp' | 'listStepSends'>;

/** A reply from someone at the enrolment's company on any thread of the campaign (the campaign's option). */
async function companyStop(tx: PgQueryable, enrolment: EnrolmentRecord) {
  const domain = companyDomainOf(enrolment.recipient);
  if (!domain) return null;
  const [campaign] = await tx.query<{ stop_same_company: boolean }>('SELECT stop_same_company FROM campaigns WHERE id = $1', [
    enrolment.campaignId,
  ]);
  if (!campaign?.stop_same_company) return null;
  const [row] = await tx.query<ThreadStopRow>(
    `SELECT kind, details_json FROM events
     WHERE user_id = $1 AND kind = 'reply'
       AND email_token IN (SELECT email_token FROM campaign_enrolments WHERE campaign_id = $2 AND user_id = $1
         UNION SELECT s.email_token FROM campaign_sends s JOIN campaign_enrolments c ON c.id = s.enrolment_id
           WHERE c.campaign_id = $2 AND c.user_id = $1 AND s.state = 'sent')
       AND lower(details_json::jsonb ->> 'from') LIKE $3 ESCAPE '\\'
     ORDER BY at DESC LIMIT 1`,
    [enrolment.userId, enrolment.campaignId, atDomainPattern(domain)],
  );
  const found = threadStop(row);
  return found ? { ...found, reason: 'same_company' as const } : null;
}

export function campaignSendQueries(db: PgDatabase, subscriptions: SubscriptionCache): SendMethods {
  return {
    async claimDueStep(request) {
      const now = request.now.getTime();
      return db.transaction(async (tx) => {
        // An out-of-office pause (paused_until set) ends by itself; the rep's own pause has none.
        // Rows another transaction holds are left to the next claim: no wait, no lock-order deadlock.
        await tx.query(
          `UPDATE campaign_enrolments SET state = 'active', paused_until = NULL, stop_reason = NULL, stop_detail = NULL, updated_at = $1
           WHERE id IN (SELECT id FROM campaign_enrolments WHERE state = 'paused' AND paused_until IS NOT NULL AND paused_until <= $1
             FOR UPDATE SKIP LOCKED)`,
          [now],
        );
        const [row] = await tx.query<EnrolmentRow & { claimed: number | null }>(
          `SELECT e.*, s.lease_until AS claimed
           FROM campaign_enrolments e LEFT JOIN campaign_sends s ON s.enrolment_id = e.id AND s.step_index = e.next_step
           WHERE e.state = 'active' AND e.due_at <= $1 AND (s.enrolment_id IS NULL OR (s.state = 'claimed' AND s.lease_until <= $1))
             AND NOT (e.user_id = ANY($2::text[]))
           ORDER BY e.due_at LIMIT 1 FOR UPDATE OF e SKIP LOCKED`,
          [now, [...(request.skipUserIds ?? [])]],
        );
        if (!row) return null;
        const enrolment = toEnrolment(row);
        const [stopRow] = await tx.query<ThreadStopRow>(
          `SELECT kind, details_json FROM events
           WHERE user_id = $1 AND kind IN ('reply', 'bounce')
             AND email_token IN (SELECT $2 UNION SELECT email_token FROM campaign_sends WHERE enrolment_id = $3 AND state = 'sent')
           ORDER BY at DESC LIMIT 1`,
          [enrolment.userId, enrolment.emailToken, enrolment.id],
        );
        const stopped = threadStop(stopRow) ?? (await companyStop(tx, enrolment));
        if (stopped) {
          const [updated] = await tx.query<EnrolmentRow>(
            `UPDATE campaign_enrolments SET state = 'stopped', due_at = NULL, stop_reason = $1, stop_detail = $2, updated_at = $3
             WHERE id = $4 RETURNING *`,
            [stopped.reason, stopped.who, now, enrolment.id],
          );
          if (!updated) return null;
          const record = toEnrolment(updated);
          const summary = await campaignSummary(tx, record.campaignId);
          await writeCampaignEvent(tx, subscriptions, stoppedEvent(record, summary, stopped.reason, stopped, request.now));
          return { kind: 'stop' as const, enrolment: record, ...stopped };
        }
        const leaseUntil = now + request.leaseMs;
        if (row.claimed !== null) {
          const [leased] = await tx.query<StepSendRow>(
            `UPDATE campaign_sends SET claimed_by = $1, lease_until = $2, updated_at = $3
             WHERE enrolment_id = $4 AND step_index = $5 AND state = 'claimed' AND lease_until <= $3 RETURNING *`,
            [request.owner, leaseUntil, now, enrolment.id, enrolment.nextStep],
          );
          return leased ? { kind: 'reconcile' as const, enrolment, send: toStepSend(leased) } : null;
        }
        const [inserted] = await tx.query<StepSendRow>(
          `INSERT INTO campaign_sends (enrolment_id, step_index, user_id, message_id, email_token, state, claimed_by, lease_until,
             smtp_response, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'claimed', $6, $7, NULL, $8, $8)
           ON CONFLICT (enrolment_id, step_index) DO NOTHING RETURNING *`,
          [enrolment.id, enrolment.nextStep, enrolment.userId, request.messageId, request.emailToken, request.owner, leaseUntil, now],
        );
        return inserted ? { kind: 'send' as const, enrolment, send: toStepSend(inserted) } : null;
      });
    },
    async completeStep(enrolmentId, stepIndex, owner, outcome, at) {
      return db.transaction(async (tx) => {
        const [finished] = await tx.query<StepSendRow>(
          `UPDATE campaign_sends SET state = $1, smtp_response = $2, updated_at = $3
           WHERE enrolment_id = $4 AND step_index = $5 AND claimed_by = $6 AND state = 'claimed' RETURNING *`,
          [outcome.sent ? 'sent' : 'refused', outcome.smtpResponse, at.getTime(), enrolmentId, stepIndex, owner],
        );
        if (!finished) return false;
        const [row] = await tx.query<EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE id = $1 FOR UPDATE', [enrolmentId]);
        if (!row) return true;
        const current = toEnrolment(row);
        const moves = row.state === 'active' && row.next_step === stepIndex;
        const summary = await campaignSummary(tx, current.campaignId);
        // A step that went out is told even when the rep stopped or paused the enrolment meanwhile.
        if (outcome.sent) {
          await writeCampaignEvent(tx, subscriptions, stepSentEvent(current, summary, stepIndex, moves ? outcome.nextDueAt : null, at));
        }
        // A rep's stop or pause meanwhile stays; the send is recorded either way.
        if (!moves) return true;
        const next = changedEnrolment(current, outcomeChange(outcome, stepIndex + 1), at);
        if (!outcome.sent) {
          await writeCampaignEvent(tx, subscriptions, stoppedEvent(current, summary, 'send_failed', { error: outcome.smtpResponse }, at));
        }
        await tx.query(
          'UPDATE campaign_enrolments SET state = $1, next_step = $2, due_at = $3, stop_reason = $4, stop_detail = $5, updated_at = $6 WHERE id = $7',
          [next.state, next.nextStep, next.dueAt?.getTime() ?? null, next.stopReason, next.stopDetail, at.getTime(), enrolmentId],
        );
        return true;
      });
    },
    async noteStepSmtp(enrolmentId, stepIndex, owner, note, at) {
      const noted = await db.query<{ step_index: number }>(
        `UPDATE campaign_sends SET smtp_response = $1, updated_at = $2
         WHERE enrolment_id = $3 AND step_index = $4 AND claimed_by = $5 AND state = 'claimed' RETURNING step_index`,
        [note, at.getTime(), enrolmentId, stepIndex, owner],
      );
      return noted.length === 1;
    },
    async listStepSends(enrolmentId) {
      const rows = await db.query<StepSendRow>('SELECT * FROM campaign_sends WHERE enrolment_id = $1 ORDER BY step_index', [enrolmentId]);
      return rows.map(toStepSend);
    },
  };
}
