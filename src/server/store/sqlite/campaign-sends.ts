// The campaign sending state machine on SQLite. A claim is one immediate transaction (SQLite's
// write lock makes it the only writer, so pacing needs no other lock): the out-of-office pauses
// that ended, the due enrolment of a mailbox not paced out, the fresh look at its thread's replies,
// bounces and out-of-office answers (and its company's replies), its send time, and the claim
// row. Completion checks the claim is still the caller's. Each writes its feed event with it.
import type { CampaignRecord, CampaignStore, EnrolmentRecord, StepSendRecord } from '../campaign-store.ts';
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
import { companyDomainOf } from '../../campaigns/free-mail.ts';
import type { CampaignEventWriter } from './campaign-events.ts';
import type { SqliteDatabase } from './database.ts';

type SendMethods = Pick<CampaignStore, 'claimDueStep' | 'completeStep' | 'noteStepSmtp' | 'listStepSends'>;
type Param = string | number | null;
type DueParams = { now: number; skip: string } & ReturnType<typeof pacingBounds>;

/** Whether a completed step moves the enrolment: still active, at that step. */
const moves = (row: EnrolmentRow, stepIndex: number): boolean => row.state === 'active' && row.next_step === stepIndex;

export function campaignSendQueries(db: SqliteDatabase, events: CampaignEventWriter): SendMethods {
  // An out-of-office pause (paused_until set) ends by itself; the rep's own pause has none.
  const resumeEnded = db.prepare<[number, number]>(`UPDATE campaign_enrolments
    SET state = 'active', paused_until = NULL, stop_reason = NULL, stop_detail = NULL, updated_at = ?
    WHERE state = 'paused' AND paused_until IS NOT NULL AND paused_until <= ?`);
  // Due, its step not leased to anyone (no send row, or a claim whose lease ran out), its mailbox not paced out.
  const dueOne = db.prepare<[DueParams], EnrolmentRow & { claimed: number | null }>(`SELECT e.*, s.lease_until AS claimed
    FROM campaign_enrolments e LEFT JOIN campaign_sends s ON s.enrolment_id = e.id AND s.step_index = e.next_step
    WHERE e.state = 'active' AND e.due_at <= @now AND (s.enrolment_id IS NULL OR (s.state = 'claimed' AND s.lease_until <= @now))
      AND e.user_id NOT IN (SELECT value FROM json_each(@skip))
      AND ${pacingAllows('e.user_id', (name) => `@${name}`)}
    ORDER BY e.due_at LIMIT 1`);
  // `+user_id`: the thread's few tokens (events_by_token_kind) are the way in, never a walk through
  // every event of the user (events_by_user), which SQLite's planner picks without statistics.
  const threadStopOf = db.prepare<[string, string, string], ThreadStopRow>(`SELECT kind, details_json FROM events
    WHERE +user_id = ? AND kind IN ('reply', 'bounce')
      AND email_token IN (SELECT ? UNION SELECT email_token FROM campaign_sends WHERE enrolment_id = ? AND state = 'sent')
    ORDER BY at DESC LIMIT 1`);
  // A reply from someone at the enrolment's company on any thread of the campaign (the campaign's option).
  const companyReplyOf = db.prepare<[string, string, string, string, string, string], ThreadStopRow>(`SELECT kind, details_json
    FROM events WHERE +user_id = ? AND kind = 'reply'
      AND email_token IN (SELECT email_token FROM campaign_enrolments WHERE campaign_id = ? AND user_id = ?
        UNION SELECT s.email_token FROM campaign_sends s JOIN campaign_enrolments c ON c.id = s.enrolment_id
          WHERE c.campaign_id = ? AND c.user_id = ? AND s.state = 'sent')
      AND lower(json_extract(details_json, '$.from')) LIKE ? ESCAPE '\\'
    ORDER BY at DESC LIMIT 1`);
  const autoRepliesOf = db.prepare<[string, number, string, string], AutoReplyRow>(`SELECT details_json, at FROM events
    WHERE +user_id = ? AND kind = 'auto_reply' AND at > ?
      AND email_token IN (SELECT ? UNION SELECT email_token FROM campaign_sends WHERE enrolment_id = ? AND state = 'sent')
    ORDER BY at DESC LIMIT ${AUTO_REPLY_ROWS}`);
  const recipientsOf = db.prepare<[string], { recipient: string }>('SELECT recipient FROM campaign_enrolments WHERE email_token = ?');
  const windowOf = db.prepare<[string], { window_json: string }>('SELECT window_json FROM campaigns WHERE id = ?');
  const pause = db.prepare<
    [number | null, number | null, string | null, string | null, number, string],
    EnrolmentRow
  >(`UPDATE campaign_enrolments
    SET state = 'paused', due_at = ?, paused_until = ?, stop_reason = ?, stop_detail = ?, updated_at = ? WHERE id = ? RETURNING *`);
  const recordSendTime = db.prepare<[string, number]>('INSERT INTO campaign_send_times (mailbox, sent_at) VALUES (?, ?)');
  const pruneSendTimes = db.prepare<[string, number]>('DELETE FROM campaign_send_times WHERE mailbox = ? AND sent_at <= ?');
  const stopsSameCompany = db.prepare<[string], { stop_same_company: number }>('SELECT stop_same_company FROM campaigns WHERE id = ?');
  const stop = db.prepare<[string, string | null, number, string], EnrolmentRow>(`UPDATE campaign_enrolments
    SET state = 'stopped', due_at = NULL, stop_reason = ?, stop_detail = ?, updated_at = ? WHERE id = ? RETURNING *`);
  const insertSend = db.prepare<Param[], StepSendRow>(`INSERT INTO campaign_sends (enrolment_id, step_index, user_id, message_id,
      email_token, state, claimed_by, lease_until, smtp_response, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?, NULL, ?, ?) RETURNING *`);
  const release = db.prepare<[string, number, number, string, number], StepSendRow>(`UPDATE campaign_sends
    SET claimed_by = ?, lease_until = ?, updated_at = ? WHERE enrolment_id = ? AND step_index = ? RETURNING *`);
  const finishSend = db.prepare<[string, string, number, string, number, string], StepSendRow>(`UPDATE campaign_sends
    SET state = ?, smtp_response = ?, updated_at = ?
    WHERE enrolment_id = ? AND step_index = ? AND claimed_by = ? AND state = 'claimed' RETURNING *`);
  const noteSmtp = db.prepare<[string | null, number, string, number, string]>(`UPDATE campaign_sends
    SET smtp_response = ?, updated_at = ? WHERE enrolment_id = ? AND step_index = ? AND claimed_by = ? AND state = 'claimed'`);
  const enrolmentById = db.prepare<[string], EnrolmentRow>('SELECT * FROM campaign_enrolments WHERE id = ?');
  const writeEnrolment = db.prepare<Param[]>(`UPDATE campaign_enrolments SET state = ?, next_step = ?, due_at = ?,
      stop_reason = ?, stop_detail = ?, updated_at = ? WHERE id = ?`);
  const sendsOf = db.prepare<[string], StepSendRow>('SELECT * FROM campaign_sends WHERE enrolment_id = ? ORDER BY step_index');

  const companyStop = (enrolment: EnrolmentRecord) => {
    const domain = companyDomainOf(enrolment.recipient);
    if (!domain || !stopsSameCompany.get(enrolment.campaignId)?.stop_same_company) return null;
    const { userId, campaignId } = enrolment;
    const found = threadStop(companyReplyOf.get(userId, campaignId, userId, campaignId, userId, atDomainPattern(domain)));
    return found ? { ...found, reason: 'same_company' as const } : null;
  };

  /** An out-of-office on the thread not acted on yet (see autoRepliesAfter): paused here, with its event. */
  const pauseForAutoReply = (enrolment: EnrolmentRecord, pauseDays: number | undefined, now: Date) => {
    const rows = autoRepliesOf.all(enrolment.userId, autoRepliesAfter(enrolment), enrolment.emailToken, enrolment.id);
    const campaign = rows.length > 0 ? windowOf.get(enrolment.campaignId) : undefined;
    if (!campaign) return null;
    const recipients = recipientsOf.all(enrolment.emailToken).map((row) => row.recipient);
    const window = JSON.parse(campaign.window_json) as CampaignRecord['window'];
    const found = claimPause(enrolment, window, rows, recipients, pauseDays, now);
    if (!found) return null;
    const next = changedEnrolment(enrolment, found.change, now);
    const updated = pause.get(
      next.dueAt?.getTime() ?? null,
      next.pausedUntil?.getTime() ?? null,
      next.stopReason,
      next.stopDetail,
      now.getTime(),
      enrolment.id,
    );
    if (!updated) return null;
    const record = toEnrolment(updated);
    events.write(announcedEvent(record, events.summaryOf(record.campaignId), found.announce, now));
    return { kind: 'pause' as const, enrolment: record, reason: 'auto_reply' as const, until: found.until, who: found.who };
  };

  const claim = db.transaction((...[request]: Parameters<SendMethods['claimDueStep']>) => {
    const now = request.now.getTime();
    resumeEnded.run(now, now);
    const row = dueOne.get({ now, skip: JSON.stringify(request.skipUserIds ?? []), ...pacingBounds(request) });
    if (!row) return null;
    const enrolment: EnrolmentRecord = toEnrolment(row);
    const stopped = threadStop(threadStopOf.get(enrolment.userId, enrolment.emailToken, enrolment.id)) ?? companyStop(enrolment);
    if (stopped) {
      const updated = stop.get(stopped.reason, stopped.who, now, enrolment.id);
      if (!updated) return null;
      const record = toEnrolment(updated);
      events.write(stoppedEvent(record, events.summaryOf(record.campaignId), stopped.reason, stopped, request.now));
      return { kind: 'stop' as const, enrolment: record, ...stopped };
    }
    const paused = pauseForAutoReply(enrolment, request.autoReplyPauseDays, request.now);
    if (paused) return paused;
    // The step counts against its mailbox's pacing from its claim (a reconciliation may send it again).
    pruneSendTimes.run(enrolment.userId, now - PACING_DAY_MS);
    recordSendTime.run(enrolment.userId, now);
    const leaseUntil = now + request.leaseMs;
    let send: StepSendRecord | undefined;
    if (row.claimed !== null) {
      const leased = release.get(request.owner, leaseUntil, now, enrolment.id, enrolment.nextStep);
      send = leased ? toStepSend(leased) : undefined;
      return send ? { kind: 'reconcile' as const, enrolment, send } : null;
    }
    const inserted = insertSend.get(
      enrolment.id,
      enrolment.nextStep,
      enrolment.userId,
      request.messageId,
      request.emailToken,
      request.owner,
      leaseUntil,
      now,
      now,
    );
    return inserted ? { kind: 'send' as const, enrolment, send: toStepSend(inserted) } : null;
  });

  const complete = db.transaction((...[enrolmentId, stepIndex, owner, outcome, at]: Parameters<SendMethods['completeStep']>) => {
    const finished = finishSend.get(outcome.sent ? 'sent' : 'refused', outcome.smtpResponse, at.getTime(), enrolmentId, stepIndex, owner);
    if (!finished) return false;
    const row = enrolmentById.get(enrolmentId);
    if (!row) return true;
    const current = toEnrolment(row);
    const summary = events.summaryOf(current.campaignId);
    // A step that went out is told even when the rep stopped or paused the enrolment meanwhile.
    if (outcome.sent) events.write(stepSentEvent(current, summary, stepIndex, moves(row, stepIndex) ? outcome.nextDueAt : null, at));
    // A rep's stop or pause meanwhile stays; the send is recorded either way.
    if (!moves(row, stepIndex)) return true;
    const next = changedEnrolment(current, outcomeChange(outcome, stepIndex + 1), at);
    if (!outcome.sent) events.write(stoppedEvent(current, summary, 'send_failed', { error: outcome.smtpResponse }, at));
    writeEnrolment.run(
      next.state,
      next.nextStep,
      next.dueAt?.getTime() ?? null,
      next.stopReason,
      next.stopDetail,
      at.getTime(),
      enrolmentId,
    );
    return true;
  });

  return {
    async claimDueStep(request) {
      return claim.immediate(request);
    },
    async completeStep(enrolmentId, stepIndex, owner, outcome, at) {
      return complete.immediate(enrolmentId, stepIndex, owner, outcome, at);
    },
    async noteStepSmtp(enrolmentId, stepIndex, owner, note, at) {
      return noteSmtp.run(note, at.getTime(), enrolmentId, stepIndex, owner).changes === 1;
    },
    async listStepSends(enrolmentId) {
      return sendsOf.all(enrolmentId).map(toStepSend);
    },
  };
}
