// The `details` of the campaign events in the feed (campaign_step_sent, campaign_paused,
// campaign_stopped). The campaign scheduler writes them, the popup and the webhooks read them;
// parse with these schemas where they are read: a malformed one is ignored, never trusted.
import { z } from 'zod';

const campaignRefSchema = z.object({
  campaignId: z.string().min(1).max(64),
  campaignName: z.string().max(200),
  enrolmentId: z.string().min(1).max(64),
  /** The enrolled recipient. */
  recipient: z.string().max(320),
});

/** `campaign_step_sent`: step `step` of `totalSteps` went out; when the next one is due, if any. */
export const campaignStepSentDetailsSchema = campaignRefSchema.extend({
  step: z.number().int().min(1),
  totalSteps: z.number().int().min(1),
  /** ISO 8601 instant of the next step, null after the last one. */
  nextStepAt: z.string().datetime({ offset: true }).nullable(),
});
export type CampaignStepSentDetails = z.infer<typeof campaignStepSentDetailsSchema>;

/** Why an enrolment paused: an out-of-office answer, or the rep paused it by hand. */
export const CAMPAIGN_PAUSE_REASONS = ['auto_reply', 'rep'] as const;
export const campaignPausedDetailsSchema = campaignRefSchema.extend({
  reason: z.enum(CAMPAIGN_PAUSE_REASONS),
  /** The day sending resumes (YYYY-MM-DD, rep's time zone); null when paused until resumed. */
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** Who was away (auto_reply). */
  who: z.string().max(320).optional(),
  whoName: z.string().max(200).optional(),
});
export type CampaignPausedDetails = z.infer<typeof campaignPausedDetailsSchema>;

/**
 * Why an enrolment stopped: someone replied on the thread, a reply came from the same company
 * (the campaign's option), the mail bounced, the rep wrote on the thread by hand, the rep stopped
 * it, or the SMTP server refused the step for good.
 */
export const CAMPAIGN_STOP_REASONS = ['reply', 'same_company', 'bounce', 'manual', 'rep', 'send_failed'] as const;
export type CampaignStopReason = (typeof CAMPAIGN_STOP_REASONS)[number];
export const campaignStoppedDetailsSchema = campaignRefSchema.extend({
  reason: z.enum(CAMPAIGN_STOP_REASONS),
  /** Who replied or bounced (reply, same_company, bounce). */
  who: z.string().max(320).optional(),
  whoName: z.string().max(200).optional(),
  /** The SMTP server's answer (send_failed), as the rep would need it to fix the cause. */
  error: z.string().max(500).optional(),
});
export type CampaignStoppedDetails = z.infer<typeof campaignStoppedDetailsSchema>;

export function parseCampaignStepSent(details: unknown): CampaignStepSentDetails | null {
  return campaignStepSentDetailsSchema.safeParse(details).data ?? null;
}

export function parseCampaignPaused(details: unknown): CampaignPausedDetails | null {
  return campaignPausedDetailsSchema.safeParse(details).data ?? null;
}

export function parseCampaignStopped(details: unknown): CampaignStoppedDetails | null {
  return campaignStoppedDetailsSchema.safeParse(details).data ?? null;
}
