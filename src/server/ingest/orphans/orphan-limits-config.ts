// The bounds on stored hits of tokens nobody has registered (yet): their rows of the server's
// variable table (config.ts lists them in a block of their own) and how they are read.
import { z } from 'zod';

export interface OrphanLimitsConfig {
  /** Stored opens and clicks kept for one unregistered token; later ones are answered, not stored. */
  perToken: number;
  /** Stored opens and clicks kept for all unregistered tokens together. */
  total: number;
  /** Hits of unregistered tokens one address may have stored per minute (a burst of as many). */
  perAddressPerMinute: number;
  /** A token not registered within this many days will not be: its hits are deleted. */
  expiryMs: number;
}

export const ORPHAN_LIMIT_ENV_VARS = [
  {
    name: 'ORPHAN_HITS_PER_TOKEN',
    default: '1000',
    meaning:
      'Opens and clicks stored for one token not (yet) registered; more are answered (GIF, redirect) but not stored. A token is registered seconds after its email is sent',
  },
  {
    name: 'ORPHAN_HITS_TOTAL',
    default: '1000000',
    meaning: 'Opens and clicks stored for all unregistered tokens together; more are answered, not stored',
  },
  {
    name: 'ORPHAN_HITS_PER_ADDRESS_PER_MINUTE',
    default: '120',
    meaning: 'Hits of unregistered tokens stored from one client address per minute (a burst of as many); more are answered, not stored',
  },
  {
    name: 'ORPHAN_HITS_EXPIRY_DAYS',
    default: '7',
    meaning: 'Hits of a token still unregistered after this many days are deleted (checked hourly): the registration window',
  },
] as const;

const number = (example: string) => z.coerce.number({ error: `must be a number such as ${example}` });

export const orphanLimitsEnvSchema = {
  ORPHAN_HITS_PER_TOKEN: number('1000').int('must be a whole number').min(1, 'must be at least 1').default(1000),
  ORPHAN_HITS_TOTAL: number('1000000').int('must be a whole number').min(1, 'must be at least 1').default(1_000_000),
  ORPHAN_HITS_PER_ADDRESS_PER_MINUTE: number('120').int('must be a whole number').min(1, 'must be at least 1').default(120),
  ORPHAN_HITS_EXPIRY_DAYS: number('7').positive('must be more than 0').max(3650, 'must be at most 3650').default(7),
};

export function orphanLimitsConfigOf(value: {
  ORPHAN_HITS_PER_TOKEN: number;
  ORPHAN_HITS_TOTAL: number;
  ORPHAN_HITS_PER_ADDRESS_PER_MINUTE: number;
  ORPHAN_HITS_EXPIRY_DAYS: number;
}): OrphanLimitsConfig {
  return {
    perToken: value.ORPHAN_HITS_PER_TOKEN,
    total: value.ORPHAN_HITS_TOTAL,
    perAddressPerMinute: value.ORPHAN_HITS_PER_ADDRESS_PER_MINUTE,
    expiryMs: Math.round(value.ORPHAN_HITS_EXPIRY_DAYS * 86_400_000),
  };
}
