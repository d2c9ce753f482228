// The return date an out-of-office states: "back on 12 March", "de retour le 12/03", "terug op 12
// maart", "ab dem 12.03.2027 wieder", "am 12.03. zurück". A phrase announcing the return is looked for, then a date
// right after it. A date without a year is the next such date on or after the message's own day;
// "tot en met" / "through" / "du ... au" name the last day away, so the return is the day after. Phrases that
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
// "du 1er au 14 décembre": a French range names its last day away too.
const THROUGH_PHRASES = ['tot en met', 't/m', 'through', 'thru', 'bis einschliesslich', 'bis einschl\\.', 'du [^.]{1,30}? au'];
// "jusqu'au 12 mars inclus", "until 12 March inclusive": the last day away too.
const INCLUSIVE_AFTER = /^[ ,.]*(?:inclus|inclusive|included|einschliesslich|einschl\.|incluis)/;
const UNTIL_PHRASES = ['until', 'till', "jusqu'au", 'jusqu au', 'jusqua', 'bis zum', 'bis', 'tot'];

const MAX_GAP = 40;

// German and Dutch also put the date first and the return after it: "am 12.03. zurück", "ab
// Montag, 15.03. wieder da", "op 12 maart terug".
const BEFORE_DATE = /(?:^|[^a-z])(?:am|ab dem|ab|op|vanaf)(?![a-z])/g;
const RETURN_AFTER_DATE = /^[ ,.]*(?:bin ich |ben ik )?(?:wieder|zuruck|zurueck|terug|weer (?:terug|aanwezig|bereikbaar|op kantoor))/;
/** An ambiguous "3/12" read as the one of its two dates that comes first from this day. */
const SOONEST_AHEAD = (a: Date, b: Date, day: Date): Date => {
  const ahead = [a, b].filter((date) => date.getTime() >= day.getTime()).sort((x, y) => x.getTime() - y.getTime());
  return ahead[0] ?? (a.getTime() >= b.getTime() ? a : b);
};

function phraseRegex(phrases: string[]): RegExp {
  return new RegExp(`(?:^|[^a-z])(?:${phrases.join('|')})(?![a-z])`, 'g');
}

const RETURN = phraseRegex(RETURN_PHRASES);
const THROUGH = phraseRegex(THROUGH_PHRASES);
const UNTIL = phraseRegex(UNTIL_PHRASES);

// Only in English does "3/12" possibly mean 12 March; French, Dutch and German write day first.
const ENGLISH_PHRASE = /^[^a-z]?(?:back|return|available|reachable|in the office|until|till|through|thru)/;

/** The first date that follows one of the phrases closely, and whether "inclusive" follows it. */
function dateAfter(folded: string, phrases: RegExp): { date: CalendarDate; inclusive: boolean } | null {
  for (const match of folded.matchAll(phrases)) {
    const end = match.index + match[0].length;
    const window = folded.slice(end, end + MAX_GAP + 60);
    const found = firstDateIn(window);
    if (found && found.index <= MAX_GAP) {
      const { monthFirst, ...dayFirst } = found.date;
      const date = ENGLISH_PHRASE.test(match[0]) && monthFirst ? { ...dayFirst, monthFirst } : dayFirst;
      return { date, inclusive: INCLUSIVE_AFTER.test(window.slice(found.end)) };
    }
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

function onOrAfter(date: CalendarDate, day: Date | null): Date | null {
  let year = date.year;
  if (year === null) {
    if (day === null) return null;
    year = day.getUTCFullYear();
    if (Date.UTC(year, date.month - 1, date.day) < day.getTime()) year += 1;
  }
  return new Date(Date.UTC(year, date.month - 1, date.day));
}

function resolve(date: CalendarDate, day: Date | null, plusDays: number): string | null {
  let resolved = onOrAfter(date, day);
  const other = date.monthFirst ? onOrAfter(date.monthFirst, day) : null;
  // A person reads "back on 3/12", written on 2 March, as 12 March: the nearer date ahead.
  if (resolved && other && day) resolved = SOONEST_AHEAD(resolved, other, day);
  if (!resolved) return null;
  return new Date(resolved.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** A date that comes before the words of return ("am 12.03. zurück"). */
function dateBeforeReturn(folded: string): CalendarDate | null {
  for (const match of folded.matchAll(BEFORE_DATE)) {
    const end = match.index + match[0].length;
    const window = folded.slice(end, end + 80);
    const found = firstDateIn(window);
    if (found && found.index <= 16 && RETURN_AFTER_DATE.test(window.slice(found.end))) {
      const { monthFirst: _englishOnly, ...dayFirst } = found.date;
      return dayFirst;
    }
  }
  return null;
}

/**
 * The return date stated in `text` (an auto-reply's own text), YYYY-MM-DD, or null.
 * `day` is the message's calendar day (UTC midnight), or null when unknown.
 */
export function returnDateIn(text: string, day: Date | null): string | null {
  const folded = foldText(text.slice(0, 8000)).replace(/\s+/g, ' ');
  const back = dateAfter(folded, RETURN);
  if (back) return resolve(back.date, day, 0);
  const backFirst = dateBeforeReturn(folded);
  if (backFirst) return resolve(backFirst, day, 0);
  const through = dateAfter(folded, THROUGH);
  if (through) return resolve(through.date, day, 1);
  const until = dateAfter(folded, UNTIL);
  return until ? resolve(until.date, day, until.inclusive ? 1 : 0) : null;
}
