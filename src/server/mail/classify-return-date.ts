// The return date an out-of-office states: "back on 12 March", "de retour le 12/03", "terug op 12
// maart", "ab dem 12.03.2027 wieder". A phrase announcing the return is looked for, then a date
// right after it. A date without a year is the next such date on or after the message's own day;
// "tot en met" / "through" name the last day away, so the return is the day after. Phrases that
// only say "until" give the stated date.
import { firstDateIn, foldText, type CalendarDate } from './classify-dates.ts';

const RETURN_PHRASES = [
  'back(?: in(?: the)? office| at (?:work|my desk|the office))?(?: on| from| by)?',
  'return(?:ing)?(?: to (?:the )?(?:office|work))?(?: on)?',
  '(?:available|reachable|in the office) (?:again )?(?:on|from)',
  'de retour(?: au bureau)?(?: le| a partir du| des le)?',
  'retour(?: prevu)?(?: le| au bureau le)?',
  'a partir du',
  'des le',
  'terug(?: op kantoor)?(?: op| vanaf)?',
  'weer (?:aanwezig|bereikbaar|op kantoor|beschikbaar)?\\s*(?:op|vanaf)',
  'vanaf',
  'ab dem',
  'ab',
  'wieder (?:erreichbar |im buro |im buero |da |zuruck )?(?:am|ab)',
  'zuruck(?: am| ab)?',
  'zurueck(?: am| ab)?',
];
const THROUGH_PHRASES = ['tot en met', 't/m', 'through', 'thru', 'bis einschliesslich', 'bis einschl\\.'];
// "jusqu'au 12 mars inclus", "until 12 March inclusive": the last day away too.
const INCLUSIVE_AFTER = /^[ ,.]*(?:inclus|inclusive|included|einschliesslich|einschl\.|incluis)/;
const UNTIL_PHRASES = ['until', 'till', "jusqu'au", 'jusqu au', 'jusqua', 'bis zum', 'bis', 'tot'];

const MAX_GAP = 40;

function phraseRegex(phrases: string[]): RegExp {
  return new RegExp(`(?:^|[^a-z])(?:${phrases.join('|')})(?![a-z])`, 'g');
}

const RETURN = phraseRegex(RETURN_PHRASES);
const THROUGH = phraseRegex(THROUGH_PHRASES);
const UNTIL = phraseRegex(UNTIL_PHRASES);

/** The first date that follows one of the phrases closely, and whether "inclusive" follows it. */
function dateAfter(folded: string, phrases: RegExp): { date: CalendarDate; inclusive: boolean } | null {
  for (const match of folded.matchAll(phrases)) {
    const end = match.index + match[0].length;
    const window = folded.slice(end, end + MAX_GAP + 60);
    const found = firstDateIn(window);
    if (found && found.index <= MAX_GAP) return { date: found.date, inclusive: INCLUSIVE_AFTER.test(window.slice(found.end)) };
  }
  return null;
}

/** The message's calendar day in its own time zone (from the Date header's offset). */
export function localDay(date: Date, rawDateHeader: string | undefined): Date {
  const offset = /([+-])(\d{2})(\d{2})\b(?!.*[+-]\d{4})/.exec(rawDateHeader ?? '');
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(date.getTime() + minutes * 60_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function resolve(date: CalendarDate, day: Date | null, plusDays: number): string | null {
  let year = date.year;
  if (year === null) {
    if (day === null) return null;
    year = day.getUTCFullYear();
    if (Date.UTC(year, date.month - 1, date.day) < day.getTime()) year += 1;
  }
  const resolved = new Date(Date.UTC(year, date.month - 1, date.day + plusDays));
  return resolved.toISOString().slice(0, 10);
}

/**
 * The return date stated in `text` (an auto-reply's own text), YYYY-MM-DD, or null.
 * `day` is the message's calendar day (UTC midnight), or null when unknown.
 */
export function returnDateIn(text: string, day: Date | null): string | null {
  const folded = foldText(text.slice(0, 8000)).replace(/\s+/g, ' ');
  const back = dateAfter(folded, RETURN);
  if (back) return resolve(back.date, day, 0);
  const through = dateAfter(folded, THROUGH);
  if (through) return resolve(through.date, day, 1);
  const until = dateAfter(folded, UNTIL);
  return until ? resolve(until.date, day, until.inclusive ? 1 : 0) : null;
}
