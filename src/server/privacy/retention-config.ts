// The configuration of the retention job: its rows of the server's variable table (config.ts lists
// them in a block of their own) and how they are read. Each team's period is set with
// `glint team set-retention`; this only says how often the server deletes what is past it.
import { z } from 'zod';

export interface RetentionConfig {
  /** Time between two purges; the first runs as the server starts listening. */
  intervalMs: number;
}

export const RETENTION_ENV_VARS = [
  {
    name: 'RETENTION_INTERVAL_MIN',
    default: '60',
    meaning:
      "How often the server deletes events and document visits older than their team's retention period (`glint team set-retention`), in minutes; once at start too",
  },
] as const;

export const retentionEnvSchema = {
  RETENTION_INTERVAL_MIN: z.coerce
    .number({ error: 'must be a number such as 60' })
    .positive('must be more than 0')
    .max(10_080, 'must be at most 10080 (a week)')
    .default(60),
};

export function retentionConfigOf(value: { RETENTION_INTERVAL_MIN: number }): RetentionConfig {
  return { intervalMs: Math.round(value.RETENTION_INTERVAL_MIN * 60_000) };
}
