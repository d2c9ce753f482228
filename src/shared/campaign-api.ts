// The wire shapes of /api/v1/campaigns (the server, the CLI and the extension read the same): a
// campaign is an ordered list of steps (wait, then send), a sending window in the rep's time zone,
// and whether a reply from one person stops everyone enrolled at the same company.
import { z } from 'zod';
import { idSchema } from './ids.ts';

/** Minutes exist for demos and tests; a real campaign waits business days or hours. */
export const WAIT_UNITS = ['business_days', 'hours', 'minutes'] as const;
export type WaitUnit = (typeof WAIT_UNITS)[number];

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const campaignStepSchema = z.object({
  wait: z.object({
    amount: z.number().int().min(0).max(365, { message: 'a step waits at most 365 units' }),
    unit: z.enum(WAIT_UNITS, { message: 'wait.unit must be business_days, hours or minutes' }),
  }),
  /** Empty: a reply in the same thread ("Re: " and the thread's subject). */
  subject: z.string().max(300).default(''),
  /** Plain text with merge fields such as {{first_name|there}}. */
  body: z.string().min(1, { message: 'a step needs a body' }).max(20_000),
});

export const sendingWindowSchema = z
  .object({
    /** ISO weekdays: 1 Monday ... 7 Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1, { message: 'the sending window needs at least one day' }).default([1, 2, 3, 4, 5]),
    startHour: z.number().int().min(0).max(23).default(9),
    endHour: z.number().int().min(1).max(24).default(17),
    timeZone: z.string().refine(isTimeZone, { message: 'timeZone must be an IANA time zone such as Europe/Paris' }).default('UTC'),
  })
  .refine((window) => window.startHour < window.endHour, { message: 'the sending window must start before it ends (startHour < endHour)' });

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1, { message: 'a campaign needs a name' }).max(200),
  /** True: the whole team may use it; false: only its author. */
  team: z.boolean().default(false),
  steps: z.array(campaignStepSchema).min(1, { message: 'a campaign needs at least one step' }).max(20),
  window: sendingWindowSchema.default({ days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'UTC' }),
  /** A reply from one person stops every enrolment at the same company domain (free mail excepted). */
  stopSameCompany: z.boolean().default(false),
  /** What {{sender.first_name}} and friends say. */
  sender: z.record(z.string().regex(/^[a-z_]+$/), z.string().max(200)).default({}),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;
export type CampaignStep = z.infer<typeof campaignStepSchema>;
export type SendingWindow = z.infer<typeof sendingWindowSchema>;

export const campaignIdSchema = idSchema('campaign');
export const enrolmentIdSchema = idSchema('enrolment');

export const enrolRequestSchema = z.object({
  emailToken: idSchema('emailToken'),
  /** Default: the email's To recipients. */
  recipients: z
    .array(z.email({ message: 'recipients must be email addresses' }))
    .min(1)
    .max(50)
    .optional(),
  /** Merge fields the rep entered (first_name, company ...), the same for every recipient. */
  fields: z.record(z.string().regex(/^[a-z_]+$/), z.string().max(200)).default({}),
});

export const ENROLMENT_STATES = ['active', 'paused', 'stopped', 'finished'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

export const campaignSchema = campaignInputSchema.safeExtend({
  id: campaignIdSchema,
  ownerUserId: z.string(),
  createdAt: z.iso.datetime(),
});

export const enrolmentSchema = z.object({
  id: enrolmentIdSchema,
  campaignId: campaignIdSchema,
  emailToken: z.string(),
  recipient: z.string(),
  state: z.enum(ENROLMENT_STATES),
  /** Index of the next step to send (steps.length once finished). */
  nextStep: z.number().int(),
  stepCount: z.number().int(),
  dueAt: z.iso.datetime().nullable(),
  pausedUntil: z.iso.datetime().nullable(),
  stopReason: z.string().nullable(),
  /** Why the next step cannot go out as written (a merge field without value or fallback). */
  blockedReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

/** What the rep may do to an enrolment (POST /api/v1/campaigns/enrolments/:id/:action). */
export const ENROLMENT_ACTIONS = ['pause', 'resume', 'stop'] as const;
export type EnrolmentAction = (typeof ENROLMENT_ACTIONS)[number];

export type Campaign = z.infer<typeof campaignSchema>;
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const campaignListSchema = z.object({ campaigns: z.array(campaignSchema) });
export const campaignDetailSchema = z.object({ campaign: campaignSchema, enrolments: z.array(enrolmentSchema) });
export const enrolmentListSchema = z.object({ enrolments: z.array(enrolmentSchema) });
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;
