// The delivery worker's settings (environment variables), described and parsed here as one block
// of the server's configuration (config.ts adds them to its table and its schema).
import { z } from 'zod';

/** A row of the configuration table (config.ts's EnvVarDoc; declared here so config.ts, which imports this file, is not imported back). */
interface EnvVarDoc {
  name: string;
  default: string;
  meaning: string;
}

export const DELIVERY_ENV_VARS: readonly EnvVarDoc[] = [
  {
    name: 'WEBHOOK_DELIVERY',
    default: 'on',
    meaning: 'off: this server process delivers no webhooks (others sharing the database still do); events are queued either way',
  },
  { name: 'WEBHOOK_TIMEOUT_S', default: '10', meaning: 'A webhook request without an answer for this long fails and is retried (seconds)' },
  { name: 'WEBHOOK_CONCURRENCY', default: '16', meaning: 'Webhook requests in flight at once in this process (1-256)' },
  {
    name: 'WEBHOOK_LEASE_S',
    default: '60',
    meaning:
      'How long a claimed delivery is reserved for this process; after a crash another process (or this one, restarted) takes it after it (more than the timeout)',
  },
  { name: 'WEBHOOK_POLL_MS', default: '500', meaning: 'How often the worker looks for due deliveries when nothing woke it (milliseconds)' },
  { name: 'WEBHOOK_RETRY_BASE_S', default: '10', meaning: 'First retry delay; each further retry doubles it, with jitter (seconds)' },
  { name: 'WEBHOOK_RETRY_MAX_S', default: '3600', meaning: 'Longest delay between two retries (seconds)' },
  { name: 'WEBHOOK_GIVE_UP_H', default: '24', meaning: 'A delivery still failing this long after its event is marked failed (hours)' },
  {
    name: 'WEBHOOK_PAUSE_AFTER',
    default: '20',
    meaning: 'Failed attempts in a row after which an endpoint is paused until resumed by hand (circuit breaker)',
  },
  {
    name: 'WEBHOOK_SECRET_OVERLAP_H',
    default: '24',
    meaning: 'After a secret rotation, how long requests are also signed with the old secret (hours)',
  },
];

const number = (example: string) => z.coerce.number({ error: `must be a number such as ${example}` });

export const deliveryEnvSchema = z.object({
  WEBHOOK_DELIVERY: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  WEBHOOK_TIMEOUT_S: number('10').positive('must be more than 0').max(120, 'must be at most 120').default(10),
  WEBHOOK_CONCURRENCY: number('16').int('must be a whole number').min(1, 'must be at least 1').max(256, 'must be at most 256').default(16),
  WEBHOOK_LEASE_S: number('60').positive('must be more than 0').max(3600, 'must be at most 3600').default(60),
  WEBHOOK_POLL_MS: number('500')
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .max(60_000, 'must be at most 60000')
    .default(500),
  WEBHOOK_RETRY_BASE_S: number('10').positive('must be more than 0').max(3600, 'must be at most 3600').default(10),
  WEBHOOK_RETRY_MAX_S: number('3600').positive('must be more than 0').max(86_400, 'must be at most 86400').default(3600),
  WEBHOOK_GIVE_UP_H: number('24').positive('must be more than 0').max(720, 'must be at most 720 (30 days)').default(24),
  WEBHOOK_PAUSE_AFTER: number('20').int('must be a whole number').min(1, 'must be at least 1').max(10_000).default(20),
  WEBHOOK_SECRET_OVERLAP_H: number('24').min(0, 'must be 0 or more').max(720, 'must be at most 720 (30 days)').default(24),
});

export interface DeliveryConfig {
  /** Whether this process runs a delivery worker. */
  enabled: boolean;
  timeoutMs: number;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  giveUpAfterMs: number;
  pauseAfter: number;
  secretOverlapMs: number;
}

export function deliveryConfigFrom(value: z.infer<typeof deliveryEnvSchema>): DeliveryConfig {
  const timeoutMs = Math.round(value.WEBHOOK_TIMEOUT_S * 1000);
  return {
    enabled: value.WEBHOOK_DELIVERY === 'on',
    timeoutMs,
    concurrency: value.WEBHOOK_CONCURRENCY,
    // A lease shorter than a request would let a second process send while the first still waits.
    leaseMs: Math.max(Math.round(value.WEBHOOK_LEASE_S * 1000), timeoutMs + 1000),
    pollMs: value.WEBHOOK_POLL_MS,
    retryBaseMs: Math.round(value.WEBHOOK_RETRY_BASE_S * 1000),
    retryMaxMs: Math.round(value.WEBHOOK_RETRY_MAX_S * 1000),
    giveUpAfterMs: Math.round(value.WEBHOOK_GIVE_UP_H * 3_600_000),
    pauseAfter: value.WEBHOOK_PAUSE_AFTER,
    secretOverlapMs: Math.round(value.WEBHOOK_SECRET_OVERLAP_H * 3_600_000),
  };
}
