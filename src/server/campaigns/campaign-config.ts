// The campaign scheduler's settings (environment variables), described and parsed here as one
// block of the server's configuration (config.ts adds them to its table and its schema).
// Pacing defaults follow Google's published Gmail sending limits (support.google.com/a/answer/166852:
// 2,000 messages a day for a Workspace account); 20 a minute keeps a burst well below them.
import { z } from 'zod';

/** A row of the configuration table (config.ts's EnvVarDoc, declared here so config.ts is not imported back). */
interface EnvVarDoc {
  name: string;
  default: string;
  meaning: string;
}

export const CAMPAIGN_ENV_VARS: readonly EnvVarDoc[] = [
  {
    name: 'CAMPAIGN_SENDING',
    default: 'on',
    meaning: 'off: this server process sends no campaign steps (others sharing the database still do)',
  },
  { name: 'CAMPAIGN_POLL_MS', default: '5000', meaning: 'How often the scheduler looks for due campaign steps (milliseconds)' },
  {
    name: 'CAMPAIGN_CONCURRENCY',
    default: '8',
    meaning: 'Campaign steps being sent at once in this process, each from a different mailbox (1-256)',
  },
  {
    name: 'CAMPAIGN_PER_MINUTE',
    default: '20',
    meaning: 'Most campaign steps one mailbox sends in a minute (every process sharing the database)',
  },
  {
    name: 'CAMPAIGN_PER_DAY',
    default: '2000',
    meaning: "Most campaign steps one mailbox sends in 24 hours (every process sharing the database; Gmail's published daily limit)",
  },
  {
    name: 'CAMPAIGN_LEASE_S',
    default: '300',
    meaning: 'How long a claimed step is reserved for this process; after a crash it is reconciled from the Sent folder after it',
  },
  {
    name: 'CAMPAIGN_SMTP_TIMEOUT_S',
    default: '30',
    meaning: 'An SMTP or IMAP step of a send without an answer for this long fails (seconds)',
  },
  {
    name: 'CAMPAIGN_AUTO_REPLY_PAUSE_DAYS',
    default: '7',
    meaning: 'Days an out-of-office answer that states no return date pauses a campaign enrolment (1-90)',
  },
];

const number = (example: string) => z.coerce.number({ error: `must be a number such as ${example}` });
const whole = (example: string) => number(example).int('must be a whole number').min(1, 'must be at least 1');

export const campaignEnvSchema = z.object({
  CAMPAIGN_SENDING: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  CAMPAIGN_POLL_MS: whole('5000').min(10, 'must be at least 10').max(600_000, 'must be at most 600000').default(5000),
  CAMPAIGN_CONCURRENCY: whole('8').max(256, 'must be at most 256').default(8),
  CAMPAIGN_PER_MINUTE: whole('20').max(10_000, 'must be at most 10000').default(20),
  CAMPAIGN_PER_DAY: whole('2000').max(1_000_000, 'must be at most 1000000').default(2000),
  CAMPAIGN_LEASE_S: number('300').positive('must be more than 0').max(86_400, 'must be at most 86400').default(300),
  CAMPAIGN_SMTP_TIMEOUT_S: number('30').positive('must be more than 0').max(300, 'must be at most 300').default(30),
  CAMPAIGN_AUTO_REPLY_PAUSE_DAYS: whole('7').max(90, 'must be at most 90').default(7),
});

export interface CampaignConfig {
  /** Whether this process runs a campaign scheduler. */
  enabled: boolean;
  pollMs: number;
  concurrency: number;
  perMinute: number;
  perDay: number;
  leaseMs: number;
  timeoutMs: number;
  /** Days an out-of-office without a return date pauses an enrolment. */
  autoReplyPauseDays: number;
}

export function campaignConfigFrom(value: z.infer<typeof campaignEnvSchema>): CampaignConfig {
  const timeoutMs = Math.round(value.CAMPAIGN_SMTP_TIMEOUT_S * 1000);
  return {
    enabled: value.CAMPAIGN_SENDING === 'on',
    pollMs: value.CAMPAIGN_POLL_MS,
    concurrency: value.CAMPAIGN_CONCURRENCY,
    perMinute: value.CAMPAIGN_PER_MINUTE,
    perDay: value.CAMPAIGN_PER_DAY,
    // A send takes an SMTP conversation and a Sent append (and a reconciliation's search): the
    // lease outlasts them, else another process would reconcile a send still under way.
    leaseMs: Math.max(Math.round(value.CAMPAIGN_LEASE_S * 1000), timeoutMs * 4),
    timeoutMs,
    autoReplyPauseDays: value.CAMPAIGN_AUTO_REPLY_PAUSE_DAYS,
  };
}
