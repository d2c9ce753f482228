// The popup's line for a follow-up's state, in the rep's language and time zone: "Step 2 of 3 on
// Tue 10:00", "Paused until 14 Dec: out of office", "Stopped: Alan replied". Names come from
// the recipients' own headers: cleaned of control and bidi characters here, and shown by React as
// text, so a hostile name stays words.
import type { CampaignPausedDetails, CampaignStopReason, CampaignStoppedDetails } from '../../shared/campaign-event-details.ts';
import { cleanDisplayText } from '../../shared/display-text.ts';
import { t, uiLanguage, type MessageKey } from '../data/i18n.ts';
import type { CampaignState } from './campaign-state.ts';

export interface WordsOptions {
  language?: string;
  /** The rep's time zone; default the browser's. */
  timeZone?: string;
  /** Now, for choosing a short or a dated form of the next step's time. */
  now?: Date;
}

const WEEK_MS = 6 * 24 * 60 * 60 * 1000;

/** "Tue 10:00" within the coming week, else "Tue 22 Dec 10:00" (each language's own order). */
export function formatStepTime(iso: string, options: WordsOptions = {}): string {
  const at = new Date(iso);
  const now = options.now ?? new Date();
  const dated = Math.abs(at.getTime() - now.getTime()) > WEEK_MS;
  return new Intl.DateTimeFormat(options.language ?? uiLanguage(), {
    weekday: 'short',
    ...(dated ? { day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(at);
}

/** A calendar day (YYYY-MM-DD, already in the rep's time zone) as "14 Dec" / "Dec 14". */
export function formatDay(day: string, language: string = uiLanguage()): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** The person behind a reply, bounce or out-of-office: their name, else their address. */
export function whoOf(details: { who?: string | undefined; whoName?: string | undefined; recipient: string }): string {
  const name = cleanDisplayText(details.whoName ?? '');
  if (name !== '') return name;
  return cleanDisplayText(details.who ?? '') || cleanDisplayText(details.recipient);
}

const STOP_KEYS: Record<CampaignStopReason, MessageKey> = {
  reply: 'popup_campaign_stopped_reply',
  same_company: 'popup_campaign_stopped_sameCompany',
  bounce: 'popup_campaign_stopped_bounce',
  manual: 'popup_campaign_stopped_manual',
  rep: 'popup_campaign_stopped_rep',
  send_failed: 'popup_campaign_stopped_sendFailed',
};

function stoppedWords(details: CampaignStoppedDetails): string {
  if (details.reason === 'send_failed') return t(STOP_KEYS.send_failed, cleanDisplayText(details.error ?? '').slice(0, 200));
  return t(STOP_KEYS[details.reason], whoOf(details));
}

function pausedWords(details: CampaignPausedDetails, language: string): string {
  if (details.reason === 'rep')
    return details.until ? t('popup_campaign_paused_rep_until', formatDay(details.until, language)) : t('popup_campaign_paused_rep');
  return details.until ? t('popup_campaign_paused_away_until', formatDay(details.until, language)) : t('popup_campaign_paused_away');
}

/** One line for one enrolment's state. */
export function campaignWords(state: CampaignState, options: WordsOptions = {}): string {
  const language = options.language ?? uiLanguage();
  if (state.kind === 'stopped') return stoppedWords(state.details);
  if (state.kind === 'paused') return pausedWords(state.details, language);
  const { step, totalSteps, nextStepAt } = state.details;
  if (nextStepAt === null || step >= totalSteps) return t('popup_campaign_finished', String(totalSteps));
  return t('popup_campaign_next', [String(step + 1), String(totalSteps), formatStepTime(nextStepAt, { ...options, language })]);
}
