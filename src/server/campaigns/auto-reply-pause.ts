// How long an out-of-office answer pauses an enrolment: until the day after the return date it
// states (the first day back is left to the inbox), else for the configured number of days from the
// day the answer arrived, counted in the rep's time zone (the campaign's sending window). The next
// step then waits for the window.
import type { EnrolmentChange, EnrolmentRecord, SendingWindow } from '../store/store.ts';
import { intoWindow, localParts, zonedInstant } from './schedule.ts';

/** CAMPAIGN_AUTO_REPLY_PAUSE_DAYS's default. */
export const DEFAULT_AUTO_REPLY_PAUSE_DAYS = 7;

/** The out-of-office answer a pause is for. */
export interface AwayAnswer {
  /** The day the person says they are back (YYYY-MM-DD), or null. */
  returnDate: string | null;
  /** When the answer arrived: an old answer without a date has already used up part of its pause. */
  arrivedAt: Date;
  /** Its sender, kept as the pause's detail. */
  from: string;
}

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
 * The pause an auto-reply asks for, or null when it is already over (a return date behind, or
 * `pauseDays` since the answer arrived): nothing to wait for.
 */
export function autoReplyPause(
  enrolment: Pick<EnrolmentRecord, 'dueAt'>,
  window: SendingWindow,
  away: AwayAnswer,
  pauseDays: number,
  now: Date,
): AutoReplyPause | null {
  const today = dayIn(now, window.timeZone);
  const until = away.returnDate ? addDays(away.returnDate, 1) : addDays(dayIn(away.arrivedAt, window.timeZone), pauseDays);
  if (until <= today) return null;
  const [year, month, day] = until.split('-').map(Number);
  const pausedUntil = zonedInstant(year ?? 1970, month ?? 1, day ?? 1, 0, window.timeZone);
  const due = Math.max(pausedUntil.getTime(), enrolment.dueAt?.getTime() ?? 0);
  const change: EnrolmentChange = {
    state: 'paused',
    pausedUntil,
    dueAt: intoWindow(new Date(due), window),
    stopReason: 'auto_reply',
    stopDetail: away.from,
  };
  return { until, change };
}
