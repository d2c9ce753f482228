// The pure rules of webhook delivery: the retry schedule (exponential, jittered in the upper
// half of each step, capped, given up after the age limit), the signature header (checked with
// node:crypto directly) and the URL rule.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from '../../src/server/crm/retry-schedule.ts';
import { generateWebhookSecret, signatureHeader } from '../../src/server/crm/webhook-signature.ts';
import { webhookUrlSchema } from '../../src/shared/webhook-url.ts';

const policy = { baseMs: 10_000, maxDelayMs: 3_600_000, giveUpAfterMs: 24 * 3_600_000 };
const created = new Date('2026-12-03T10:00:00Z');

describe('retry schedule', () => {
  it('doubles each step, with jitter in the upper half, up to the ceiling', () => {
    const delay = (attempts: number, random: number): number =>
      (nextAttemptAt(policy, attempts, created, created, () => random)?.getTime() ?? 0) - created.getTime();
    expect([1, 2, 3, 4].map((attempts) => delay(attempts, 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(delay(1, 0)).toBe(5_000);
    expect(delay(30, 1)).toBe(3_600_000);
  });

  it('gives up once the next attempt would fall past the age limit', () => {
    const late = new Date(created.getTime() + 24 * 3_600_000 - 1_000);
    expect(nextAttemptAt(policy, 20, created, late, () => 1)).toBeNull();
    expect(nextAttemptAt(policy, 1, created, new Date(created.getTime() + 1_000), () => 1)).not.toBeNull();
  });
});

describe('signature header', () => {
  it('signs `${t}.${body}` with each secret, as an independent HMAC computes it', () => {
    const [first, second] = [generateWebhookSecret(), generateWebhookSecret()] as [string, string];
    const body = '{"id":"ev_1","type":"event.created"}';
    const hmac = (secret: string): string => createHmac('sha256', secret).update(`1796310000.${body}`).digest('hex');
    expect(signatureHeader([first], 1796310000, body)).toBe(`t=1796310000,v1=${hmac(first)}`);
    expect(signatureHeader([first, second], 1796310000, body)).toBe(`t=1796310000,v1=${hmac(first)},v1=${hmac(second)}`);
    expect(first).not.toBe(second);
  });
});

describe('webhook URL rule', () => {
  it.each([
    ['https://hooks.example.com/glint', true],
    ['http://127.0.0.1:4000/', true],
    ['http://localhost:4000/x', true],
    ['http://[::1]:4000/', true],
    ['http://hooks.example.com/', false],
    ['http://10.0.0.5/', false],
    ['http://127.0.0.1.nip.io/', false],
    ['ftp://hooks.example.com/', false],
    ['https://a:b@hooks.example.com/', false],
    ['https://hooks.example.com/#x', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(webhookUrlSchema.safeParse(url).success).toBe(allowed);
  });
});
