// The step editor's form: what the rep types (numbers as text, as inputs give them) and its
// validation into a campaign the server takes (shared/campaign-api.ts), with messages in the rep's
// language that say where and what to fix ("Step 2: write the message."). Pure, tested in Node.
import { z } from 'zod';
import { WAIT_UNITS, type Campaign, type CampaignInput, type WaitUnit } from '../../shared/campaign-api.ts';
import { t, type MessageKey } from '../data/i18n.ts';

export interface StepDraft {
  /** Stable key for React while steps move. */
  key: string;
  waitAmount: string;
  waitUnit: WaitUnit;
  /** Empty: a reply in the same thread. */
  subject: string;
  body: string;
}

export interface CampaignDraft {
  name: string;
  team: boolean;
  steps: StepDraft[];
  days: number[];
  startHour: string;
  endHour: string;
  timeZone: string;
  stopSameCompany: boolean;
  sender: Record<string, string>;
}

let keys = 0;
const nextKey = (): string => `step-${++keys}`;

export function newStep(): StepDraft {
  return { key: nextKey(), waitAmount: '2', waitUnit: 'business_days', subject: '', body: '' };
}

export function emptyDraft(timeZone: string): CampaignDraft {
  return {
    name: '',
    team: false,
    steps: [newStep()],
    days: [1, 2, 3, 4, 5],
    startHour: '9',
    endHour: '17',
    timeZone,
    stopSameCompany: false,
    sender: {},
  };
}

export function draftOf(campaign: Campaign): CampaignDraft {
  return {
    name: campaign.name,
    team: campaign.team,
    steps: campaign.steps.map((step) => ({
      key: nextKey(),
      waitAmount: String(step.wait.amount),
      waitUnit: step.wait.unit,
      subject: step.subject,
      body: step.body,
    })),
    days: [...campaign.window.days],
    startHour: String(campaign.window.startHour),
    endHour: String(campaign.window.endHour),
    timeZone: campaign.window.timeZone,
    stopSameCompany: campaign.stopSameCompany,
    sender: { ...campaign.sender },
  };
}

/** Moves step `index` by `by` places (up: -1, down: +1); out of range leaves the list as it is. */
export function moveStep(steps: readonly StepDraft[], index: number, by: number): StepDraft[] {
  const target = index + by;
  const moving = steps[index];
  if (!moving || target < 0 || target >= steps.length) return [...steps];
  const next = steps.filter((_, position) => position !== index);
  next.splice(target, 0, moving);
  return next;
}

const WHOLE = /^\s*\d+\s*$/;
const FIELD = /\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*(?:\|[^}]*)?\}\}/g;
const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
};

/** A merge field that does not read {{name}} or {{name|fallback}}: the text the rep should look at. */
export function badMergeField(text: string): string | null {
  const rest = text.replace(FIELD, '');
  const open = rest.indexOf('{{');
  if (open >= 0) return rest.slice(open, open + 30);
  const close = rest.indexOf('}}');
  return close >= 0 ? rest.slice(Math.max(0, close - 28), close + 2) : null;
}

export interface DraftProblem {
  /** Where: 'name', 'window', or 'step-N' (from 1). */
  where: string;
  message: string;
}

const stepText = (index: number, key: MessageKey, extra?: string): string =>
  t('campaigns_error_step', [String(index + 1), t(key, extra === undefined ? undefined : [extra])]);

const hour = (text: string, max: number): number | null => {
  if (!WHOLE.test(text)) return null;
  const value = Number(text);
  return value >= 0 && value <= max ? value : null;
};

/** The campaign to send, or every problem in the rep's words (in the order the form shows them). */
export function validateDraft(draft: CampaignDraft): { ok: true; campaign: CampaignInput } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  if (draft.name.trim() === '') problems.push({ where: 'name', message: t('campaigns_error_name') });
  if (draft.steps.length === 0) problems.push({ where: 'steps', message: t('campaigns_error_noSteps') });
  draft.steps.forEach((step, index) => {
    const where = `step-${index + 1}`;
    const amount = WHOLE.test(step.waitAmount) ? Number(step.waitAmount) : NaN;
    if (!(amount >= 0 && amount <= 365)) problems.push({ where, message: stepText(index, 'campaigns_error_wait') });
    if (step.body.trim() === '') problems.push({ where, message: stepText(index, 'campaigns_error_body') });
    for (const text of [step.subject, step.body]) {
      const bad = badMergeField(text);
      if (bad !== null) problems.push({ where, message: stepText(index, 'campaigns_error_mergeField', bad) });
    }
  });
  if (draft.days.length === 0) problems.push({ where: 'window', message: t('campaigns_error_days') });
  const start = hour(draft.startHour, 23);
  const end = hour(draft.endHour, 24);
  if (start === null || end === null || start >= end) problems.push({ where: 'window', message: t('campaigns_error_hours') });
  if (!isTimeZone(draft.timeZone)) problems.push({ where: 'window', message: t('campaigns_error_timeZone', draft.timeZone) });
  if (problems.length > 0) return { ok: false, problems };
  const campaign = campaignInputFormSchema.parse({
    name: draft.name.trim(),
    team: draft.team,
    steps: draft.steps.map((step) => ({
      wait: { amount: Number(step.waitAmount), unit: step.waitUnit },
      subject: step.subject.trim(),
      body: step.body,
    })),
    window: { days: [...draft.days].sort(), startHour: start, endHour: end, timeZone: draft.timeZone.trim() },
    stopSameCompany: draft.stopSameCompany,
    sender: draft.sender,
  });
  return { ok: true, campaign };
}

// The last word: the same shape the server checks (its English messages never reach the rep here,
// since every rule above runs first).
const campaignInputFormSchema = z.object({
  name: z.string(),
  team: z.boolean(),
  steps: z.array(
    z.object({ wait: z.object({ amount: z.number().int(), unit: z.enum(WAIT_UNITS) }), subject: z.string(), body: z.string() }),
  ),
  window: z.object({ days: z.array(z.number().int()), startHour: z.number().int(), endHour: z.number().int(), timeZone: z.string() }),
  stopSameCompany: z.boolean(),
  sender: z.record(z.string(), z.string()),
}) satisfies z.ZodType<CampaignInput>;
