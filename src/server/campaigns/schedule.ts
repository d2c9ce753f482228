// When a step is due: its wait after the previous step (business days count Monday to Friday in
// the rep's time zone and keep the time of day), then moved to the next moment inside the
// campaign's sending window (its weekdays and hours, in the rep's time zone).
import type { CampaignStep, SendingWindow } from './campaign-schemas.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 Monday ... 7 Sunday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(at: Date, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    weekday: WEEKDAYS[parts['weekday'] ?? ''] ?? 1,
  };
}

/** The instant a wall-clock time names in a time zone (the later one when a clock change repeats it). */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  for (let round = 0; round < 3; round++) {
    const seen = localParts(new Date(guess), timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    if (seenAsUtc === wanted) break;
    guess += wanted - seenAsUtc;
  }
  return new Date(guess);
}

/** `from` plus the step's wait. */
export function afterWait(from: Date, wait: CampaignStep['wait'], timeZone: string): Date {
  if (wait.unit === 'minutes') return new Date(from.getTime() + wait.amount * MINUTE);
  if (wait.unit === 'hours') return new Date(from.getTime() + wait.amount * HOUR);
  let at = from;
  let left = wait.amount;
  while (left > 0) {
    at = new Date(at.getTime() + DAY);
    if (localParts(at, timeZone).weekday <= 5) left -= 1;
  }
  return at;
}

/** The first moment at or after `at` inside the sending window. */
export function intoWindow(at: Date, window: SendingWindow): Date {
  const days = new Set(window.days);
  let candidate = at;
  for (let step = 0; step < 9; step++) {
    const local = localParts(candidate, window.timeZone);
    const openDay = days.has(local.weekday);
    if (openDay && local.hour >= window.startHour && local.hour < window.endHour) return candidate;
    if (openDay && local.hour < window.startHour) {
      return zonedInstant(local.year, local.month, local.day, window.startHour, window.timeZone);
    }
    // Tomorrow at the window's start (noon first, so a clock change cannot skip or repeat the day).
    const noon = zonedInstant(local.year, local.month, local.day, 12, window.timeZone);
    const tomorrow = localParts(new Date(noon.getTime() + DAY), window.timeZone);
    candidate = zonedInstant(tomorrow.year, tomorrow.month, tomorrow.day, window.startHour, window.timeZone);
  }
  throw new Error('the sending window has no open hour');
}

/** When a step is due after the previous send (or the enrolment) at `from`. */
export function dueAt(from: Date, step: CampaignStep, window: SendingWindow): Date {
  return intoWindow(afterWait(from, step.wait, window.timeZone), window);
}
