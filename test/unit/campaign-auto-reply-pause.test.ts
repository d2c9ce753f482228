// Out-of-office answers in Dutch and French with a date: the return day read from them, and the
// pause it gives an enrolment (until the day after, midnight in the rep's time zone, the next step
// then inside the sending window); without a date, the configured number of days from the day the
// answer arrived, so an old one has used up part of its pause.
import { describe, expect, it } from 'vitest';
import { autoReplyPause } from '../../src/server/campaigns/auto-reply-pause.ts';
import { returnDateIn } from '../../src/server/mail/classify-return-date.ts';

const DEC_3 = new Date(Date.UTC(2026, 11, 3));

describe('returnDateIn on Dutch and French out-of-office texts', () => {
  it.each([
    ['Ik ben afwezig tot en met 14 december.', '2026-12-15'],
    ['Ik ben afwezig tot en met maandag 14 december en lees mijn mail niet.', '2026-12-15'],
    ['Ik ben afwezig tot maandag 14-12-2026.', '2026-12-14'],
    ['Ik ben met vakantie t/m 14-12. Vanaf 15-12 ben ik weer bereikbaar.', '2026-12-15'],
    ['Vanaf dinsdag 15 december ben ik weer op kantoor.', '2026-12-15'],
    ['Ik ben weer aanwezig op 15 december.', '2026-12-15'],
    ['Ik ben afwezig tot en met vrijdag 11 december 2026.', '2026-12-12'],
    ["Je suis absent jusqu'au lundi 14 décembre inclus.", '2026-12-15'],
    ["Je serai absente jusqu'au 14/12/2026.", '2026-12-14'],
    ['Je serai de retour le mardi 15 décembre.', '2026-12-15'],
    ['Je suis en congés du 1er au 14 décembre.', '2026-12-15'],
    ['Absente du lundi 7 au vendredi 11 décembre 2026.', '2026-12-12'],
  ])('%s -> %s', (text, expected) => {
    expect(returnDateIn(text, DEC_3)).toBe(expected);
  });
});

describe('autoReplyPause', () => {
  const window = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'Europe/Amsterdam' };
  const now = new Date('2026-12-03T10:00:00Z');
  const away = (returnDate: string | null, from = 'a@b.example', arrivedAt = now) => ({ returnDate, arrivedAt, from });

  it('pauses until the day after the return date, at midnight in the rep time zone, the step in the window', () => {
    const pause = autoReplyPause({ dueAt: now }, window, away('2026-12-15', 'jan@klant.example'), 7, now);
    expect(pause?.until).toBe('2026-12-16');
    expect(pause?.change).toMatchObject({ state: 'paused', stopReason: 'auto_reply', stopDetail: 'jan@klant.example' });
    expect(pause?.change.pausedUntil?.toISOString()).toBe('2026-12-15T23:00:00.000Z');
    // Wednesday 16 December, 09:00 in Amsterdam.
    expect(pause?.change.dueAt?.toISOString()).toBe('2026-12-16T08:00:00.000Z');
  });

  it('keeps a step due after the pause where it was', () => {
    const later = new Date('2026-12-21T13:00:00Z');
    expect(autoReplyPause({ dueAt: later }, window, away('2026-12-15'), 7, now)?.change.dueAt).toEqual(later);
  });

  it('pauses for the configured days when the answer names no date', () => {
    const pause = autoReplyPause({ dueAt: now }, window, away(null), 5, now);
    expect(pause?.until).toBe('2026-12-08');
  });

  it('counts the days without a date from the day the answer arrived, in the rep time zone', () => {
    // Arrived Saturday 28 November at 23:30 UTC, already Sunday the 29th in Amsterdam: back on 6 December.
    const pause = autoReplyPause({ dueAt: now }, window, away(null, 'a@b.example', new Date('2026-11-28T23:30:00Z')), 7, now);
    expect(pause?.until).toBe('2026-12-06');
    expect(pause?.change.pausedUntil?.toISOString()).toBe('2026-12-05T23:00:00.000Z');
  });

  it('does not pause for an answer without a date whose days have passed', () => {
    const threeWeeksAgo = new Date(now.getTime() - 21 * 86_400_000);
    expect(autoReplyPause({ dueAt: now }, window, away(null, 'a@b.example', threeWeeksAgo), 7, now)).toBeNull();
    // The last day of the pause is still a pause; the day it ends is not.
    expect(autoReplyPause({ dueAt: now }, window, away(null, 'a@b.example', new Date('2026-11-27T10:00:00Z')), 7, now)?.until).toBe(
      '2026-12-04',
    );
    expect(autoReplyPause({ dueAt: now }, window, away(null, 'a@b.example', new Date('2026-11-26T10:00:00Z')), 7, now)).toBeNull();
  });

  it('does not pause for a return date already behind', () => {
    expect(autoReplyPause({ dueAt: now }, window, away('2026-12-01'), 7, now)).toBeNull();
  });
});
