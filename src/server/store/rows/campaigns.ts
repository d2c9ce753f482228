// Campaign and enrolment rows as both stores read them, and their records. Steps, window and
// sender fields are stored as JSON text: they are read and written whole, never queried.
import type { CampaignRecord, EnrolmentChange, EnrolmentRecord, EnrolmentState, StepSendRecord } from '../campaign-store.ts';

export interface CampaignRow {
  id: string;
  owner_user_id: string;
  team_id: string | null;
  name: string;
  steps_json: string;
  window_json: string;
  stop_same_company: number | boolean;
  sender_json: string;
  created_at: number;
}

export interface EnrolmentRow {
  id: string;
  campaign_id: string;
  user_id: string;
  email_token: string;
  recipient: string;
  fields_json: string;
  state: string;
  next_step: number;
  due_at: number | null;
  paused_until: number | null;
  stop_reason: string | null;
  stop_detail: string | null;
  created_at: number;
  updated_at: number;
}

const time = (value: number | null): Date | null => (value === null ? null : new Date(value));

export const toCampaign = (row: CampaignRow): CampaignRecord => ({
  id: row.id,
  ownerUserId: row.owner_user_id,
  teamId: row.team_id,
  name: row.name,
  steps: JSON.parse(row.steps_json) as CampaignRecord['steps'],
  window: JSON.parse(row.window_json) as CampaignRecord['window'],
  stopSameCompany: Boolean(row.stop_same_company),
  sender: JSON.parse(row.sender_json) as Record<string, string>,
  createdAt: new Date(row.created_at),
});

export const campaignParams = (campaign: CampaignRecord): (string | number | null)[] => [
  campaign.id,
  campaign.ownerUserId,
  campaign.teamId,
  campaign.name,
  JSON.stringify(campaign.steps),
  JSON.stringify(campaign.window),
  campaign.stopSameCompany ? 1 : 0,
  JSON.stringify(campaign.sender),
  campaign.createdAt.getTime(),
];

export const toEnrolment = (row: EnrolmentRow): EnrolmentRecord => ({
  id: row.id,
  campaignId: row.campaign_id,
  userId: row.user_id,
  emailToken: row.email_token,
  recipient: row.recipient,
  fields: JSON.parse(row.fields_json) as Record<string, string>,
  state: row.state as EnrolmentState,
  nextStep: row.next_step,
  dueAt: time(row.due_at),
  pausedUntil: time(row.paused_until),
  stopReason: row.stop_reason,
  stopDetail: row.stop_detail,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export const enrolmentParams = (enrolment: EnrolmentRecord): (string | number | null)[] => [
  enrolment.id,
  enrolment.campaignId,
  enrolment.userId,
  enrolment.emailToken,
  enrolment.recipient.toLowerCase(),
  JSON.stringify(enrolment.fields),
  enrolment.state,
  enrolment.nextStep,
  enrolment.dueAt?.getTime() ?? null,
  enrolment.pausedUntil?.getTime() ?? null,
  enrolment.stopReason,
  enrolment.stopDetail,
  enrolment.createdAt.getTime(),
  enrolment.updatedAt.getTime(),
];

/** The enrolment after a change, as both dialects write it back whole. */
export function changedEnrolment(current: EnrolmentRecord, change: EnrolmentChange, at: Date): EnrolmentRecord {
  return {
    ...current,
    state: change.state,
    nextStep: change.nextStep ?? current.nextStep,
    dueAt: change.dueAt === undefined ? current.dueAt : change.dueAt,
    pausedUntil: change.pausedUntil === undefined ? current.pausedUntil : change.pausedUntil,
    stopReason: change.stopReason === undefined ? current.stopReason : change.stopReason,
    stopDetail: change.stopDetail === undefined ? current.stopDetail : change.stopDetail,
    updatedAt: at,
  };
}

export interface StepSendRow {
  enrolment_id: string;
  step_index: number;
  user_id: string;
  message_id: string;
  email_token: string;
  state: string;
  claimed_by: string;
  lease_until: number;
  smtp_response: string | null;
  created_at: number;
  updated_at: number;
}

export const toStepSend = (row: StepSendRow): StepSendRecord => ({
  enrolmentId: row.enrolment_id,
  stepIndex: row.step_index,
  userId: row.user_id,
  messageId: row.message_id,
  emailToken: row.email_token,
  state: row.state as StepSendRecord['state'],
  claimedBy: row.claimed_by,
  leaseUntil: new Date(row.lease_until),
  smtpResponse: row.smtp_response,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** The newest reply or bounce on a thread, as both dialects read it. */
export interface ThreadStopRow {
  kind: string;
  details_json: string | null;
}

/** Why a thread stops its enrolment, and who (the replying address, their name), from its newest stop event. */
export function threadStop(
  row: ThreadStopRow | undefined,
): { reason: 'reply' | 'bounce'; who: string | null; whoName?: string | undefined } | null {
  if (!row) return null;
  const details = parseDetails(row.details_json);
  if (row.kind === 'bounce') {
    const bounced = Array.isArray(details['bouncedRecipients']) ? details['bouncedRecipients'].filter((v) => typeof v === 'string') : [];
    return { reason: 'bounce', who: bounced.join(', ') || null };
  }
  const whoName = typeof details['fromName'] === 'string' ? details['fromName'] : undefined;
  return { reason: 'reply', who: typeof details['from'] === 'string' ? details['from'] : null, ...(whoName ? { whoName } : {}) };
}

/** The LIKE pattern of every address at a mail domain (its wildcards escaped with \\). */
export const atDomainPattern = (domain: string): string => `%@${domain.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}`;

/** The enrolment change a step outcome makes. */
export function outcomeChange(
  outcome: { sent: boolean; nextDueAt?: Date | null; reason?: string; smtpResponse: string },
  nextStep: number,
): EnrolmentChange {
  if (!outcome.sent) return { state: 'stopped', dueAt: null, stopReason: outcome.reason ?? 'refused', stopDetail: outcome.smtpResponse };
  const next = outcome.nextDueAt ?? null;
  return next === null ? { state: 'finished', nextStep, dueAt: null } : { state: 'active', nextStep, dueAt: next };
}

function parseDetails(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
