// The campaign sending state machine on PostgreSQL, safe with several server instances on one
// database: a claim takes the due enrolment's row FOR UPDATE SKIP LOCKED (another instance skips
// it), looks afresh at its thread's replies and bounces (and its company's replies), and inserts
// the claim row (ON CONFLICT: a concurrent claim won, nothing is returned). An expired lease is
// taken over only by a conditional update. Completion checks the claim is still the caller's.
// Out-of-office pauses that ended are resumed first; each change writes its feed event with it.
import { companyDomainOf } from '../../campaigns/free-mail.ts';
import type { CampaignRecord, CampaignStore, EnrolmentRecord, StepClaim, StepClaimRequest } from '../campaign-store.ts';
import { announcedEvent, stepSentEvent, stoppedEvent } from '../rows/campaign-events.ts';
import {
  AUTO_REPLY_ROWS,
  type AutoReplyRow,
  autoRepliesAfter,
  claimPause,
  PACING_DAY_MS,
  pacingAllows,
  pacingBounds,
} from '../rows/claim-checks.ts';
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

/** Mailboxes one claim passes over (paced out, or locked by another instance) before it gives up until the next poll. */
const PASSED_OVER_MAILBOXES = 8;

/** The pacing placeholders after the first two ($3..$6 in the due query, $2..$5 in MAILBOX_PACING). */
const pacingParams = (request: StepClaimRequest): number[] => {
  const bounds = pacingBounds(request);
  return [bounds.minuteFrom, bounds.minuteOffset, bounds.dayFrom, bounds.dayOffset];
};
const PACING_ORDER = ['minuteFrom', 'minuteOffset', 'dayFrom', 'dayOffset'] as const;
const DUE_PACING = pacingAllows('e.user_id', (name) => `$${PACING_ORDER.indexOf(name) + 3}`);
const MAILBOX_PACING = pacingAllows('$1', (name) => `$${PACING_ORDER.indexOf(name) + 2}`);

/** An out-of-office on the thread not acted on yet (see autoRepliesAfter): paused here, with its event. */
async function pauseForAutoReply(tx: PgQueryable, subscriptions: SubscriptionCache, enrolment: EnrolmentRecord, request: StepClaimRequest) {
  const rows = await tx.query<AutoReplyRow>(
    `SELECT details_json, at FROM events
     WHERE user_id = $1 AND kind = 'auto_reply' AND at > $2
       AND email_token IN (SELECT $3 UNION SELECT email_token FROM campaign_sends WHERE enrolment_id = $4 AND state = 'sent')
     ORDER BY at DESC LIMIT ${AUTO_REPLY_ROWS}`,
    [enrolment.userId, autoRepliesAfter(enrolment), enrolment.emailToken, enrolment.id],
  );
  if (rows.length === 0) return null;
  const [campaign] = await tx.query<{ window_json: string }>('SELECT window_json FROM campaigns WHERE id = $1', [enrolment.campaignId]);
  if (!campaign) return null;
  const recipients = await tx.query<{ recipient: string }>('SELECT recipient FROM campaign_enrolments WHERE email_token = $1', [
    enrolment.emailToken,
  ]);
  const window = JSON.parse(campaign.window_json) as CampaignRecord['window'];
  const found = claimPause(
    enrolment,
    window,
    rows,
    recipients.map((row) => row.recipient),
    request.autoReplyPauseDays,
    request.now,
  );
  if (!found) return null;
  const next = changedEnrolment(enrolment, found.change, request.now);
  const [updated] = await tx.query<EnrolmentRow>(
    `UPDATE campaign_enrolments SET state = 'paused', due_at = $1, paused_until = $2, stop_reason = $3, stop_detail = $4, updated_at = $5
     WHERE id = $6 RETURNING *`,
    [
      next.dueAt?.getTime() ?? null,
      next.pausedUntil?.getTime() ?? null,
      next.stopReason,
      next.stopDetail,
      request.now.getTime(),
      enrolment.id,
    ],
  );
  if (!updated) return null;
  const record = toEnrolment(updated);
  await writeCampaignEvent(
    tx,
    subscriptions,
    announcedEvent(record, await campaignSummary(tx, record.campaignId), found.announce, request.now),
  );
  return { kind: 'pause' as const, enrolment: record, reason: 'auto_reply' as const, until: found.until, who: found.who };
}

/**
 * The claim of a due enrolment whose mailbox's pacing allows a step (its lock held): the fresh
 * look at its thread (a stop or a pause instead of a send), then its send time and its claim row.
 */
async function claimRow(
  tx: PgQueryable,
  subscriptions: SubscriptionCache,
  request: StepClaimRequest,
  row: EnrolmentRow & { claimed: number | null },
): Promise<StepClaim | null> {
  const now = request.now.getTime();
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
  const paused = await pauseForAutoReply(tx, subscriptions, enrolment, request);
  if (paused) return paused;
  // The step counts against its mailbox's pacing from its claim (a reconciliation may send it again).
  await tx.query('DELETE FROM campaign_send_times WHERE mailbox = $1 AND sent_at <= $2', [enrolment.userId, now - PACING_DAY_MS]);
  await tx.query('INSERT INTO campaign_send_times (mailbox, sent_at) VALUES ($1, $2)', [enrolment.userId, now]);
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
        // Paced-out mailboxes and mailboxes another instance is deciding for are passed over.
        const skip = [...(request.skipUserIds ?? [])];
        for (let attempt = 0; attempt < PASSED_OVER_MAILBOXES; attempt++) {
          const [row] = await tx.query<EnrolmentRow & { claimed: number | null }>(
            `SELECT e.*, s.lease_until AS claimed
             FROM campaign_enrolments e LEFT JOIN campaign_sends s ON s.enrolment_id = e.id AND s.step_index = e.next_step
             WHERE e.state = 'active' AND e.due_at <= $1 AND (s.enrolment_id IS NULL OR (s.state = 'claimed' AND s.lease_until <= $1))
               AND NOT (e.user_id = ANY($2::text[])) AND ${DUE_PACING}
             ORDER BY e.due_at LIMIT 1 FOR UPDATE OF e SKIP LOCKED`,
            [now, skip, ...pacingParams(request)],
          );
          if (!row) return null;
          const enrolment = toEnrolment(row);
          // Only the holder of the mailbox's lock counts and records its send times, so two
          // instances never both pass its pacing; the count is read again under the lock.
          const [locked] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
            `campaign-pacing:${enrolment.userId}`,
          ]);
          const [allowed] = locked?.locked
            ? await tx.query<{ allowed: boolean }>(`SELECT ${MAILBOX_PACING} AS allowed`, [enrolment.userId, ...pacingParams(request)])
            : [];
          if (allowed?.allowed) return claimRow(tx, subscriptions, request, row);
          skip.push(enrolment.userId);
        }
        return null;
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
