// Records for the campaign Store contract tests: campaigns, enrolments and step claims, each with
// plain defaults a test overrides field by field (ids minted as the server mints them).
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type {
  CampaignRecord,
  CampaignStep,
  EnrolmentRecord,
  SendingWindow,
  StepClaimRequest,
  Store,
} from '../../../src/server/store/store.ts';
import { ALICE, at, emailRecord } from './records.ts';

/** A step replying in the thread a minute after the one before. */
export const minuteStep = (body: string): CampaignStep => ({ wait: { amount: 1, unit: 'minutes' }, subject: '', body });

/** Every day, every hour (UTC): no step waits for its window. */
export const ALWAYS: SendingWindow = { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: 'UTC' };

/** A campaign of one step, sending at any time, owned by `ownerUserId` alone. */
export function campaignRecord(ownerUserId: string, fields: Partial<CampaignRecord> = {}): CampaignRecord {
  return {
    id: mintId('campaign'),
    ownerUserId,
    teamId: null,
    name: 'Spring outreach',
    steps: [minuteStep('One')],
    window: ALWAYS,
    stopSameCompany: false,
    sender: {},
    createdAt: at(100),
    ...fields,
  };
}

/** An active enrolment of `recipient` whose first step is due at 5 s. */
export function enrolmentRecord(
  campaignId: string,
  userId: string,
  emailToken: string,
  recipient: string,
  fields: Partial<EnrolmentRecord> = {},
): EnrolmentRecord {
  return {
    id: mintId('enrolment'),
    campaignId,
    userId,
    emailToken,
    recipient,
    fields: {},
    state: 'active',
    nextStep: 0,
    dueAt: at(5_000),
    pausedUntil: null,
    stopReason: null,
    stopDetail: null,
    createdAt: at(200),
    updatedAt: at(200),
    ...fields,
  };
}

/** Stores a campaign (`campaignRecord`, Alice's unless `fields` names an owner); its id. */
export async function createdCampaign(store: Store, fields: Partial<CampaignRecord> = {}): Promise<string> {
  const record = campaignRecord(fields.ownerUserId ?? ALICE.id, fields);
  await store.createCampaign(record);
  return record.id;
}

/** A tracked email of `userId` to `recipient` alone, registered and enrolled, due at `dueMs`; the enrolment stored. */
export async function enrolledEmail(
  store: Store,
  campaignId: string,
  recipient: string,
  dueMs = 5_000,
  userId = ALICE.id,
): Promise<EnrolmentRecord> {
  const email = emailRecord(userId, { to: [recipient] });
  await store.registerEmail(email);
  const { enrolment } = await store.enrol(enrolmentRecord(campaignId, userId, email.token, recipient, { dueAt: at(dueMs) }));
  return enrolment;
}

/** The claim `server-a` makes at `ms`, with a fresh Message-ID and token for the step. */
export function claimRequest(ms: number, fields: Partial<StepClaimRequest> = {}): StepClaimRequest {
  return {
    now: at(ms),
    owner: 'server-a',
    leaseMs: 1_000,
    messageId: `${mintId('event')}@glint.test`,
    emailToken: mintEmailToken(),
    ...fields,
  };
}
