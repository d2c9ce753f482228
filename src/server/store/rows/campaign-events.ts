// The feed events a campaign's state changes write (campaign_step_sent, campaign_paused,
// campaign_stopped), built the same way by both dialects inside the transaction that changes the
// enrolment, on the enrolled email's token so they show under that email. Details follow
// shared/campaign-event-details.ts.
import type {
  CampaignPausedDetails,
  CampaignStepSentDetails,
  CampaignStopReason,
  CampaignStoppedDetails,
} from '../../../shared/campaign-event-details.ts';
import { mintTimePrefixedId } from '../../../shared/ids.ts';
import type { CampaignAnnouncement, EnrolmentRecord } from '../campaign-store.ts';
import type { NewEvent } from '../types.ts';

/** What the event needs to know of the campaign (read in the same transaction). */
export interface CampaignSummaryRow {
  name: string;
  steps_json: string;
}

const ref = (enrolment: EnrolmentRecord, campaign: CampaignSummaryRow) => ({
  campaignId: enrolment.campaignId,
  campaignName: campaign.name.slice(0, 200),
  enrolmentId: enrolment.id,
  recipient: enrolment.recipient,
});

function campaignEvent(enrolment: EnrolmentRecord, kind: NewEvent['kind'], details: Record<string, unknown>, at: Date): NewEvent {
  return {
    id: mintTimePrefixedId('event', at),
    kind,
    // Written by Glint itself, never by a proxy: nothing to doubt.
    label: 'human',
    reason: 'no-machine-signal',
    at,
    emailToken: enrolment.emailToken,
    userId: enrolment.userId,
    signerUserId: null,
    linkIndex: null,
    url: null,
    ip: null,
    userAgent: null,
    deviceId: null,
    repeat: false,
    details,
  };
}

const stepCount = (campaign: CampaignSummaryRow): number => {
  const steps: unknown = JSON.parse(campaign.steps_json);
  return Array.isArray(steps) ? steps.length : 0;
};

export function stepSentEvent(
  enrolment: EnrolmentRecord,
  campaign: CampaignSummaryRow,
  stepIndex: number,
  nextStepAt: Date | null,
  at: Date,
): NewEvent {
  const details: CampaignStepSentDetails = {
    ...ref(enrolment, campaign),
    step: stepIndex + 1,
    totalSteps: Math.max(stepCount(campaign), stepIndex + 1),
    nextStepAt: nextStepAt?.toISOString() ?? null,
  };
  return campaignEvent(enrolment, 'campaign_step_sent', details, at);
}

const who = (value: { who?: string | null | undefined; whoName?: string | null | undefined }) => ({
  ...(value.who ? { who: value.who.slice(0, 320) } : {}),
  ...(value.whoName ? { whoName: value.whoName.slice(0, 200) } : {}),
});

export function announcedEvent(
  enrolment: EnrolmentRecord,
  campaign: CampaignSummaryRow,
  announcement: CampaignAnnouncement,
  at: Date,
): NewEvent {
  if (announcement.kind === 'campaign_paused') {
    const details: CampaignPausedDetails = {
      ...ref(enrolment, campaign),
      reason: announcement.reason,
      until: announcement.until,
      ...who(announcement),
    };
    return campaignEvent(enrolment, 'campaign_paused', details, at);
  }
  return stoppedEvent(enrolment, campaign, announcement.reason, announcement, at);
}

export function stoppedEvent(
  enrolment: EnrolmentRecord,
  campaign: CampaignSummaryRow,
  reason: CampaignStopReason,
  by: { who?: string | null | undefined; whoName?: string | null | undefined; error?: string | null | undefined },
  at: Date,
): NewEvent {
  const details: CampaignStoppedDetails = {
    ...ref(enrolment, campaign),
    reason,
    ...who(by),
    ...(by.error ? { error: by.error.slice(0, 500) } : {}),
  };
  return campaignEvent(enrolment, 'campaign_stopped', details, at);
}
