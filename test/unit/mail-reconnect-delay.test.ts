import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../src/server/mail/watch/reconnect-delay.ts';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('reconnectDelay', () => {
  it('doubles the ceiling with each failed attempt and waits between half and all of it', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(reconnectDelay(50, policy, () => 1)).toBe(60_000);
    expect(reconnectDelay(10_000, policy, () => 0.5)).toBe(45_000);
  });

  it('spreads mailboxes that failed together over the window (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(4, policy)));
    expect(delays.size).toBeGreaterThan(40);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(16_000);
  });
});
