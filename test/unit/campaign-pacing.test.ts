import { describe, expect, it } from 'vitest';
import { MailboxPacing } from '../../src/server/campaigns/mailbox-pacing.ts';

describe('MailboxPacing', () => {
  it('holds a mailbox back once its per-minute budget is spent, not the others', () => {
    const pacing = new MailboxPacing({ perMinute: 2, perDay: 100 });
    pacing.record('a', 1_000);
    pacing.record('a', 2_000);
    expect(pacing.nextSlot('a', 3_000)).toBe(61_000);
    expect(pacing.nextSlot('b', 3_000)).toBe(3_000);
    expect(pacing.nextSlot('a', 61_000)).toBe(61_000);
  });

  it('holds a mailbox back for the rest of the day once its daily budget is spent', () => {
    const pacing = new MailboxPacing({ perMinute: 10, perDay: 3 });
    for (const at of [0, 120_000, 240_000]) pacing.record('a', at);
    expect(pacing.nextSlot('a', 300_000)).toBe(86_400_000);
    expect(pacing.nextSlot('a', 86_400_001)).toBe(86_400_001);
  });
});
