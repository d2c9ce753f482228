// Sign-in throttling: a few failures free, then delays that double up to a cap; forgotten after a
// quiet spell; memory bounded without forgetting the key under attack; a known device apart.
import { describe, expect, it } from 'vitest';
import { SignInThrottle, SignInThrottles } from '../../../src/server/accounts/sign-in-throttle.ts';

const LIMITS = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

describe('SignInThrottle', () => {
  it('lets a few failures through, then blocks for delays that double up to the cap', () => {
    const throttle = new SignInThrottle(LIMITS);
    const delays: number[] = [];
    for (let n = 0; n < 8; n++) {
      throttle.recordFailure('email:a@example.com', 1_000 * n);
      delays.push(throttle.blockedForMs('email:a@example.com', 1_000 * n));
    }
    expect(delays).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(throttle.blockedForMs('email:b@example.com', 7_000)).toBe(0);
  });

  it('forgets a key after a quiet spell and on reset', () => {
    const throttle = new SignInThrottle(LIMITS);
    for (let n = 0; n < 4; n++) throttle.recordFailure('ip:1', 0);
    expect(throttle.blockedForMs('ip:1', 0)).toBe(2_000);
    throttle.recordFailure('ip:1', 60_000);
    expect(throttle.blockedForMs('ip:1', 60_000)).toBe(0);
    for (let n = 0; n < 4; n++) throttle.recordFailure('ip:2', 0);
    throttle.reset('ip:2');
    expect(throttle.blockedForMs('ip:2', 0)).toBe(0);
  });

  it('keeps the key under attack when a flood of new keys overflows the map', () => {
    const throttle = new SignInThrottle({ ...LIMITS, freeFailures: 1 }, 100);
    for (let i = 0; i < 100; i++) throttle.recordFailure(`ip:old${i}`, 0);
    throttle.recordFailure('email:target@example.com', 70_000);
    for (let i = 0; i < 50; i++) throttle.recordFailure(`ip:new${i}`, 70_001);
    expect(throttle.blockedForMs('email:target@example.com', 70_002)).toBeGreaterThan(0);
  });
});

describe('SignInThrottles', () => {
  const limits = { address: { ...LIMITS, freeFailures: 10 }, account: LIMITS };

  it('throttles an account failed from many networks, but not its known device', () => {
    const throttles = new SignInThrottles(limits);
    for (let n = 0; n < 5; n++)
      throttles.recordFailure({ email: 'rep@example.com', network: `198.51.100.${n}`, knownDevice: undefined }, 0);
    expect(throttles.blockedForMs({ email: 'rep@example.com', network: '203.0.113.1', knownDevice: undefined }, 1)).toBeGreaterThan(0);
    expect(throttles.blockedForMs({ email: 'rep@example.com', network: '203.0.113.1', knownDevice: 'dev_known' }, 1)).toBe(0);
  });

  it('throttles a network failing on many accounts', () => {
    const throttles = new SignInThrottles(limits);
    for (let n = 0; n < 11; n++)
      throttles.recordFailure({ email: `guess${n}@example.com`, network: '198.51.100.9', knownDevice: undefined }, 0);
    expect(throttles.blockedForMs({ email: 'other@example.com', network: '198.51.100.9', knownDevice: undefined }, 1)).toBeGreaterThan(0);
  });
});
