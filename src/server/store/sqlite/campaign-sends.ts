// The campaign sending state machine on SQLite. A claim is one immediate transaction (SQLite's
// write lock makes it the only writer): the due enrolment, the fresh look at its thread's replies
// and bounces, and the claim row. Completion checks the claim is still the caller's.
import type { CampaignStore, EnrolmentRecord, StepSendRecord } from '../campaign-store.ts';
import {
  changedEnrolment,
  type EnrolmentRow,
  outcomeChange,
  type StepSendRow,
  threadStop,
  type ThreadStopRow,
  toEnrolment,
  toStepSend,
} from '../rows/campaigns.ts';
import type { SqliteDatabase } from './database.ts';

type SendMethods = Pick<CampaignStore, 'claimDueStep' | 'completeStep' | 'noteStepSmtp' | 'listStepSends'>;
type Param = string | number | null;

export function campaignSendQueries(db: SqliteDatabase): SendMethods {
  // Due, and its step not leased to anyone (no send row, or a claim whose lease ran out).
  const dueOne = db.prepare<[number, number, string], EnrolmentRow & { claimed: number | null }>(`SELECT e.*, s.lease_until AS claimed
    FROM campaign_enrolments e LEFT JOIN campaign_sends s ON s.enrolment_id = e.id AND s.step_index = e.next_step
    WHERE e.state = 'active' AND e.due_at <= ? AND (s.enrolment_id IS NULL OR (s.state = 'claimed' AND s.lease_until <= ?))
      AND e.user_id NOT IN (SELECT value FROM json_each(?))
    ORDER BY e.due_at LIMIT 1`);
  const threadStopOf = db.prepare<[string, string, string], ThreadStopRow>(`SELECT kind, details_json FROM events
    WHERE user_id = ? AND kind IN ('reply', 'bounce')
      AND email_token IN (SELECT ? UNION SELECT email_token FROM campaign_sends WHERE enrolment_id = ? AND state = 'sent')
    ORDER BY at DESC LIMIT 1`);
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

  const claim = db.transaction((...[request]: Parameters<SendMethods['claimDueStep']>) => {
    const now = request.now.getTime();
    const row = dueOne.get(now, now, JSON.stringify(request.skipUserIds ?? []));
    if (!row) return null;
    const enrolment: EnrolmentRecord = toEnrolment(row);
    const stopped = threadStop(threadStopOf.get(enrolment.userId, enrolment.emailToken, enrolment.id));
    if (stopped) {
      const updated = stop.get(stopped.reason, stopped.who, now, enrolment.id);
      return updated ? { kind: 'stop' as const, enrolment: toEnrolment(updated), ...stopped } : null;
    }
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
    // A rep's stop or pause meanwhile stays; the send is recorded either way.
    if (!row || row.state !== 'active' || row.next_step !== stepIndex) return true;
    const next = changedEnrolment(toEnrolment(row), outcomeChange(outcome, stepIndex + 1), at);
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
