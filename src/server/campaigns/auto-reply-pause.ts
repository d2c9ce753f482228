// How long an out-of-office answer pauses an enrolment: until the day after the return date it
// states (the first day back is left to the inbox), else for the configured number of days, counted
// in the rep's time zone (the campaign's sending window). The next step then waits for the window.
import type { EnrolmentChange, EnrolmentRecord, SendingWindow } from '../store/store.ts';
import { intoWindow, localParts, zonedInstant } from './schedule.ts';

/** CAMPAIGN_AUTO_REPLY_PAUSE_DAYS's default. */
export const DEFAULT_AUTO_REPLY_PAUSE_DAYS = 7;

export interface AutoReplyPause {
  /** The day sending resumes, YYYY-MM-DD in the rep's time zone. */
  until: string;
  change: EnrolmentChange;
}

const DAY_MS = 86_400_000;

/** A calendar day plus `days`, both YYYY-MM-DD. */
function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1) + days * DAY_MS).toISOString().slice(0, 10);
}

function dayIn(at: Date, timeZone: string): string {
  const local = localParts(at, timeZone);
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

/**
 * The pause an auto-reply asks for, or null when its return date is already behind (nothing to
 * wait for). `returnDate` is the day the person says they are back (YYYY-MM-DD) or null.
 */
export function autoReplyPause(
  enrolment: Pick<EnrolmentRecord, 'dueAt'>,
  window: SendingWindow,
  returnDate: string | null,
  pauseDays: number,
  now: Date,
  who: string,
): AutoReplyPause | null {
  const today = dayIn(now, window.timeZone);
  const until = returnDate ? addDays(returnDate, 1) : addDays(today, pauseDays);
  if (until <= today) return null;
  const [year, month, day] = until.split('-').map(Number);
  const pausedUntil = zonedInstant(year ?? 1970, month ?? 1, day ?? 1, 0, window.timeZone);
  const due = Math.max(pausedUntil.getTime(), enrolment.dueAt?.getTime() ?? 0);
  const change: EnrolmentChange = {
    state: 'paused',
    pausedUntil,
    dueAt: intoWindow(new Date(due), window),
    stopReason: 'auto_reply',
    stopDetail: who,
  };
  return { until, change };
}
