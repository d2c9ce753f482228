// How an enrolment stands, in the rep's words, on the campaigns page: the state, the next step and
// when it is due (the rep's locale and time zone), and why it stopped or is blocked.
import type { Enrolment, EnrolmentAction } from '../../shared/campaign-api.ts';
import { t, uiLanguage, type MessageKey } from '../data/i18n.ts';

const STATE_KEYS: Record<Enrolment['state'], MessageKey> = {
  active: 'campaigns_state_active',
  paused: 'campaigns_state_paused',
  stopped: 'campaigns_state_stopped',
  finished: 'campaigns_state_finished',
};

export function stateWords(enrolment: Enrolment): string {
  return t(STATE_KEYS[enrolment.state]);
}

export function formatWhen(iso: string, language: string = uiLanguage(), timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/** "Step 2 of 3, Tue 8 Dec, 10:00", or the day a pause ends; null when nothing is due. */
export function nextWords(enrolment: Enrolment, language: string = uiLanguage(), timeZone?: string): string | null {
  if (enrolment.state === 'paused' && enrolment.pausedUntil)
    return t('campaigns_next_pausedUntil', formatWhen(enrolment.pausedUntil, language, timeZone));
  if (enrolment.state !== 'active' || enrolment.dueAt === null) return null;
  return t('campaigns_next_step', [
    String(enrolment.nextStep + 1),
    String(enrolment.stepCount),
    formatWhen(enrolment.dueAt, language, timeZone),
  ]);
}

/** Which of the rep's actions apply now (the server says the same, in a 409, otherwise). */
export function actionsFor(enrolment: Enrolment): EnrolmentAction[] {
  if (enrolment.state === 'active') return ['pause', 'stop'];
  if (enrolment.state === 'paused') return ['resume', 'stop'];
  return [];
}

const STOP_KEYS: Record<string, MessageKey> = {
  reply: 'campaigns_stop_reply',
  same_company: 'campaigns_stop_sameCompany',
  bounce: 'campaigns_stop_bounce',
  manual: 'campaigns_stop_manual',
  rep: 'campaigns_stop_rep',
  send_failed: 'campaigns_stop_sendFailed',
};

/** Why it stopped, in words; a reason this version does not know is shown as the server named it. */
export function stopWords(reason: string): string {
  const key = STOP_KEYS[reason];
  return key ? t(key) : reason;
}

export const ACTION_KEYS: Record<EnrolmentAction, MessageKey> = {
  pause: 'campaigns_action_pause',
  resume: 'campaigns_action_resume',
  stop: 'campaigns_action_stop',
};
