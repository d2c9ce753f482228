// Sign-in throttling: failures counted per key in a window, memory bounded without forgetting the
// key under attack.
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../src/server/accounts/sign-in.ts';

describe('FailureLimiter', () => {
  it('blocks a key after `limit` failures until its window ends', () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) limiter.recordFailure('email:a@example.com', 1_000);
    expect(limiter.isBlocked('email:a@example.com', 1_001)).toBe(true);
    expect(limiter.blockedForMs('email:a@example.com', 1_001)).toBe(59_999);
    expect(limiter.blockedForMs('email:b@example.com', 1_001)).toBe(0);
    expect(limiter.isBlocked('email:b@example.com', 1_001)).toBe(false);
    expect(limiter.isBlocked('email:a@example.com', 61_000)).toBe(false);
    limiter.recordFailure('email:a@example.com', 61_000);
    expect(limiter.isBlocked('email:a@example.com', 61_001)).toBe(false);
  });

  it('keeps a live count when the map overflows with new keys (ended windows go first)', () => {
    const limiter = new FailureLimiter(3, 60_000, 100);
    for (let i = 0; i < 100; i++) limiter.recordFailure(`email:old${i}@example.com`, 0);
    for (let i = 0; i < 3; i++) limiter.recordFailure('email:target@example.com', 70_000);
    for (let i = 0; i < 50; i++) limiter.recordFailure(`email:new${i}@example.com`, 70_001);
    expect(limiter.isBlocked('email:target@example.com', 70_002)).toBe(true);
  });

  it('stays bounded when every window is live, dropping the oldest windows', () => {
    const limiter = new FailureLimiter(1, 60_000, 10);
    for (let i = 0; i < 25; i++) limiter.recordFailure(`ip:${i}`, 1_000 + i);
    expect(limiter.isBlocked('ip:14', 2_000)).toBe(false);
    expect(limiter.isBlocked('ip:15', 2_000)).toBe(true);
    expect(limiter.isBlocked('ip:24', 2_000)).toBe(true);
  });
});
