// Enrolling the recipients of a tracked email, and the rep's pause, resume and stop. The first
// step falls due its wait after the email was sent (never in the past), inside the window.
import type { z } from 'zod';
import { mintId } from '../../shared/ids.ts';
import { HttpError } from '../http/errors.ts';
import type { CampaignAnnouncement, CampaignRecord, EnrolmentRecord, EnrolmentState, Store, UserAccount } from '../store/store.ts';
import type { enrolRequestSchema, enrolmentSchema } from './campaign-schemas.ts';
import { blockedSentence, renderTemplate } from './merge-fields.ts';
import { dueAt, intoWindow } from './schedule.ts';

type EnrolRequest = z.infer<typeof enrolRequestSchema>;
type EnrolmentWire = z.infer<typeof enrolmentSchema>;

const NO_EMAIL = 'No such tracked email of yours: enrol an email you sent with Glint (its token starts with em_).';

export async function enrolRecipients(
  store: Store,
  user: UserAccount,
  campaign: CampaignRecord,
  request: EnrolRequest,
  now: Date,
): Promise<EnrolmentRecord[]> {
  const email = await store.getEmail(request.emailToken);
  if (!email || email.userId !== user.id) throw new HttpError(404, 'no_email', NO_EMAIL);
  const recipients = [...new Set((request.recipients ?? email.to).map((address) => address.trim().toLowerCase()))];
  if (recipients.length === 0) throw new HttpError(400, 'no_recipients', 'The email has no To recipient: name the recipients to enrol.');
  const [first] = campaign.steps;
  if (!first) throw new HttpError(400, 'no_steps', 'The campaign has no step to send.');
  const afterSend = dueAt(email.sentAt, first, campaign.window);
  const due = afterSend.getTime() >= now.getTime() ? afterSend : intoWindow(now, campaign.window);
  const enrolled: EnrolmentRecord[] = [];
  for (const recipient of recipients) {
    const { enrolment } = await store.enrol({
      id: mintId('enrolment'),
      campaignId: campaign.id,
      userId: user.id,
      emailToken: email.token,
      recipient,
      fields: request.fields,
      state: 'active',
      nextStep: 0,
      dueAt: due,
      pausedUntil: null,
      stopReason: null,
      stopDetail: null,
      createdAt: now,
      updatedAt: now,
    });
    enrolled.push(enrolment);
  }
  return enrolled;
}

const ACTIONS = {
  pause: { from: ['active'], verb: 'paused' },
  resume: { from: ['paused'], verb: 'resumed' },
  stop: { from: ['active', 'paused'], verb: 'stopped' },
} as const satisfies Record<string, { from: readonly EnrolmentState[]; verb: string }>;
export type EnrolmentAction = keyof typeof ACTIONS;

/** What the feed is told of a rep's action (a resume needs no event: the next step's send tells it). */
const ANNOUNCED: Partial<Record<EnrolmentAction, CampaignAnnouncement>> = {
  pause: { kind: 'campaign_paused', reason: 'rep', until: null },
  stop: { kind: 'campaign_stopped', reason: 'rep' },
};

/**
 * The rep's pause, resume or stop, with its feed event in the same transaction; 409 in words when
 * the enrolment is not in a state that allows it.
 */
export async function applyRepAction(
  store: Store,
  enrolment: EnrolmentRecord,
  campaign: CampaignRecord,
  action: EnrolmentAction,
  now: Date,
): Promise<EnrolmentRecord> {
  const { from, verb } = ACTIONS[action];
  const change =
    action === 'pause'
      ? ({ state: 'paused', pausedUntil: null, stopReason: 'rep', stopDetail: null } as const)
      : action === 'resume'
        ? ({
            state: 'active',
            pausedUntil: null,
            stopReason: null,
            stopDetail: null,
            dueAt: intoWindow(new Date(Math.max(now.getTime(), enrolment.dueAt?.getTime() ?? 0)), campaign.window),
          } as const)
        : ({ state: 'stopped', dueAt: null, stopReason: 'rep', stopDetail: null } as const);
  const moved = await store.transitionEnrolment(enrolment.id, from, change, now, ANNOUNCED[action]);
  if (moved) return moved;
  const current = (await store.getEnrolment(enrolment.id)) ?? enrolment;
  throw new HttpError(409, 'enrolment_state', `This enrolment is ${describeState(current)}: it cannot be ${verb}.`);
}

function describeState(enrolment: EnrolmentRecord): string {
  if (enrolment.state === 'stopped' && enrolment.stopReason) return `stopped (${enrolment.stopReason})`;
  return enrolment.state;
}

/** Why the next step cannot go out as written, or null. */
export function blockedReasonOf(enrolment: EnrolmentRecord, campaign: CampaignRecord): string | null {
  const step = campaign.steps[enrolment.nextStep];
  if (!step || enrolment.state === 'stopped' || enrolment.state === 'finished') return null;
  const values = { recipient: enrolment.recipient, fields: enrolment.fields, sender: campaign.sender };
  const missing = [step.subject, step.body].flatMap((text) => {
    const result = renderTemplate(text, values);
    return result.ok ? [] : result.missing;
  });
  return missing.length === 0 ? null : blockedSentence([...new Set(missing)]);
}

export const presentEnrolment = (enrolment: EnrolmentRecord, campaign: CampaignRecord): EnrolmentWire => ({
  id: enrolment.id,
  campaignId: enrolment.campaignId,
  emailToken: enrolment.emailToken,
  recipient: enrolment.recipient,
  state: enrolment.state,
  nextStep: enrolment.nextStep,
  stepCount: campaign.steps.length,
  dueAt: enrolment.dueAt?.toISOString() ?? null,
  pausedUntil: enrolment.pausedUntil?.toISOString() ?? null,
  stopReason: enrolment.stopReason,
  blockedReason: blockedReasonOf(enrolment, campaign),
  createdAt: enrolment.createdAt.toISOString(),
});
