// Reading one calendar date out of free text in English, French, Dutch or German: "12 March",
// "March 12th, 2027", "12/03", "12.03.2027", "2027-03-12", "12. März", "1er avril", "12 maart".
// Numbers are day first (as in fr/nl/de and British English) unless only the other order is a
// valid date (US "03/25"); when both are ("3/12"), the month-first reading comes along for the
// caller to weigh. Text is compared without case and accents.

export interface CalendarDate {
  year: number | null;
  month: number;
  day: number;
  /** "3/12": also valid read month first (12 March); the caller picks the one that fits. */
  monthFirst?: CalendarDate;
}

const MONTH_NAMES: Record<string, number> = {};
const MONTHS: [number, string][] = [
  [1, 'january jan janvier janv januari januar janner'],
  [2, 'february feb febr fevrier fevr fev februari februar'],
  [3, 'march mar mars maart mrt marz maerz'],
  [4, 'april apr avril avr'],
  [5, 'may mai mei'],
  [6, 'june jun juin juni'],
  [7, 'july jul juillet juil juli'],
  [8, 'august aug aout augustus'],
  [9, 'september sep sept septembre'],
  [10, 'october oct octobre oktober okt'],
  [11, 'november nov novembre'],
  [12, 'december dec decembre dezember dez'],
];
for (const [month, names] of MONTHS) for (const name of names.split(' ')) MONTH_NAMES[name] = month;

const MONTH = Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Lowercase, accents removed ("März" -> "marz", "août" -> "aout"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const PATTERNS: { regex: RegExp; read: (match: RegExpExecArray) => CalendarDate | null }[] = [
  {
    regex: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/,
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
  },
  {
    regex: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|e|de|ste|\\.)?\\s*(?:of\\s+)?(${MONTH})\\b\\.?,?(?:\\s+(\\d{4}))?`),
    read: (m) => ({ year: m[3] ? Number(m[3]) : null, month: MONTH_NAMES[m[2] ?? ''] ?? 0, day: Number(m[1]) }),
  },
  {
    regex: new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b,?(?:\\s+(\\d{4}))?`),
    read: (m) => ({ year: m[3] ? Number(m[3]) : null, month: MONTH_NAMES[m[1] ?? ''] ?? 0, day: Number(m[2]) }),
  },
  {
    regex: /\b(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?(?![\d:])/,
    read: (m) => {
      const year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : null;
      const first = Number(m[1]);
      const second = Number(m[2]);
      if (second > 12 && first <= 12) return { year, month: first, day: second };
      const dayFirst = { year, month: second, day: first };
      return first !== second && first <= 12 && second <= 12 ? { ...dayFirst, monthFirst: { year, month: first, day: second } } : dayFirst;
    },
  },
];

function isValid(date: CalendarDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(date.year ?? 2024, date.month, 0)).getUTCDate();
  return date.day <= daysInMonth;
}

/** The earliest valid date in already folded text (see foldText), with where it starts and ends, or null. */
export function firstDateIn(folded: string): { date: CalendarDate; index: number; end: number } | null {
  let best: { date: CalendarDate; index: number; end: number } | null = null;
  for (const { regex, read } of PATTERNS) {
    const match = regex.exec(folded);
    if (!match) continue;
    const date = read(match);
    if (date === null || !isValid(date)) continue;
    if (best === null || match.index < best.index) best = { date, index: match.index, end: match.index + match[0].length };
  }
  return best;
}
