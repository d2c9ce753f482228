// Out-of-office answers in Dutch and French with a date: the return day read from them, and the
// pause it gives an enrolment (until the day after, midnight in the rep's time zone, the next step
// then inside the sending window); without a date, the configured number of days.
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

  it('pauses until the day after the return date, at midnight in the rep time zone, the step in the window', () => {
    const pause = autoReplyPause({ dueAt: now }, window, '2026-12-15', 7, now, 'jan@klant.example');
    expect(pause?.until).toBe('2026-12-16');
    expect(pause?.change).toMatchObject({ state: 'paused', stopReason: 'auto_reply', stopDetail: 'jan@klant.example' });
    expect(pause?.change.pausedUntil?.toISOString()).toBe('2026-12-15T23:00:00.000Z');
    // Wednesday 16 December, 09:00 in Amsterdam.
    expect(pause?.change.dueAt?.toISOString()).toBe('2026-12-16T08:00:00.000Z');
  });

  it('keeps a step due after the pause where it was', () => {
    const later = new Date('2026-12-21T13:00:00Z');
    expect(autoReplyPause({ dueAt: later }, window, '2026-12-15', 7, now, 'a@b.example')?.change.dueAt).toEqual(later);
  });

  it('pauses for the configured days when the answer names no date', () => {
    const pause = autoReplyPause({ dueAt: now }, window, null, 5, now, 'a@b.example');
    expect(pause?.until).toBe('2026-12-08');
  });

  it('does not pause for a return date already behind', () => {
    expect(autoReplyPause({ dueAt: now }, window, '2026-12-01', 7, now, 'a@b.example')).toBeNull();
  });
});
