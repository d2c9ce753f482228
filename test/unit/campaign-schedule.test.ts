// When campaign steps fall due: business days skip weekends in the rep's time zone, and a due time
// outside the sending window moves to its next opening (clock changes included).
import { describe, expect, it } from 'vitest';
import { campaignInputSchema } from '../../src/server/campaigns/campaign-schemas.ts';
import { afterWait, dueAt, intoWindow } from '../../src/server/campaigns/schedule.ts';

const paris = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'Europe/Paris' };
const step = (amount: number, unit: 'business_days' | 'hours' | 'minutes') => ({ wait: { amount, unit }, subject: '', body: 'Hi' });

describe('campaign schedule', () => {
  it('counts business days over a weekend, keeping the time of day', () => {
    // Friday 2026-12-04 10:00 Paris (09:00 UTC) + 2 business days: Tuesday 2026-12-08 10:00 Paris.
    expect(afterWait(new Date('2026-12-04T09:00:00Z'), { amount: 2, unit: 'business_days' }, 'Europe/Paris').toISOString()).toBe(
      '2026-12-08T09:00:00.000Z',
    );
  });

  it('moves a due time outside the window to the next opening in the rep time zone', () => {
    // Friday 18:30 Paris: Monday 09:00 Paris.
    expect(intoWindow(new Date('2026-12-04T17:30:00Z'), paris).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    // Tuesday 07:00 Paris: same day 09:00.
    expect(intoWindow(new Date('2026-12-08T06:00:00Z'), paris).toISOString()).toBe('2026-12-08T08:00:00.000Z');
    // Inside the window: unchanged.
    expect(intoWindow(new Date('2026-12-08T10:00:00Z'), paris).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  it('opens at 09:00 local time across a clock change', () => {
    // Saturday 2027-03-27 in Paris; Monday 2027-03-29 is summer time (UTC+2).
    expect(intoWindow(new Date('2027-03-27T10:00:00Z'), paris).toISOString()).toBe('2027-03-29T07:00:00.000Z');
  });

  it('waits hours and minutes as durations, then fits the window', () => {
    expect(dueAt(new Date('2026-12-08T10:00:00Z'), step(3, 'hours'), paris).toISOString()).toBe('2026-12-08T13:00:00.000Z');
    expect(dueAt(new Date('2026-12-08T15:55:00Z'), step(10, 'minutes'), paris).toISOString()).toBe('2026-12-09T08:00:00.000Z');
  });

  it('refuses a window that ends before it starts and an unknown time zone, in words', () => {
    const base = { name: 'x', steps: [step(0, 'minutes')] };
    const backwards = campaignInputSchema.safeParse({ ...base, window: { ...paris, startHour: 17, endHour: 9 } });
    expect(backwards.error?.issues[0]?.message).toMatch(/start before it ends/);
    const zone = campaignInputSchema.safeParse({ ...base, window: { ...paris, timeZone: 'Mars/Olympus' } });
    expect(zone.error?.issues[0]?.message).toMatch(/IANA time zone/);
  });
});
