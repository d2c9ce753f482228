// How many hits the server holds in memory while the store cannot write: its row of the server's
// variable table (config.ts lists it in a block of its own) and how it is read.
import { z } from 'zod';

export const HELD_HITS_ENV_VARS = [
  {
    name: 'HELD_HITS_MAX',
    default: '100000',
    meaning:
      'Opens and clicks held in memory while the store cannot write (full disk, read-only database), written once it can again; more are answered but dropped. Held hits are lost if the server stops before the store recovers',
  },
] as const;

export const heldHitsEnvSchema = {
  HELD_HITS_MAX: z.coerce
    .number({ error: 'must be a number such as 100000' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10000000')
    .default(100_000),
};
