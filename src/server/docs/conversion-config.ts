// The settings of the conversion queue: memory per LibreOffice run and how many conversions one
// user or one team may hold at once across all servers (config.ts lists them in a block of their
// own). DOCS_CONVERSIONS, the slots of one server, stays with the other document settings.
import { z } from 'zod';

export interface ConversionQueueConfig {
  /** Address space of one LibreOffice run, in MB. */
  maxMemoryMb: number;
  /** Conversions of one user running at once, on all servers together. */
  perUser: number;
  /** Conversions of one team running at once, on all servers together. */
  perTeam: number;
}

export const CONVERSION_ENV_VARS = [
  {
    name: 'DOCS_CONVERT_MAX_MB',
    default: '1024',
    meaning:
      'Memory (address space) one Word/PowerPoint conversion may use, in MB; a conversion that needs more fails with a sentence (256-65536)',
  },
  {
    name: 'DOCS_CONVERSIONS_PER_USER',
    default: '1',
    meaning: "Conversions of one user running at once on all servers; the user's others wait while other users' run (1-32)",
  },
  {
    name: 'DOCS_CONVERSIONS_PER_TEAM',
    default: '2',
    meaning:
      "Conversions of one team running at once on all servers; keep it under the servers' slots so one team cannot fill them (1-256)",
  },
] as const;

const count = (example: string, max: number) =>
  z.coerce
    .number({ error: `must be a number such as ${example}` })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`);

export const conversionEnvSchema = {
  DOCS_CONVERT_MAX_MB: z.coerce
    .number({ error: 'must be a number such as 1024' })
    .min(256, 'must be at least 256 (LibreOffice needs about 200 MB to start)')
    .max(65_536, 'must be at most 65536')
    .default(1024),
  DOCS_CONVERSIONS_PER_USER: count('1', 32).default(1),
  DOCS_CONVERSIONS_PER_TEAM: count('2', 256).default(2),
};

export function conversionConfigOf(value: {
  DOCS_CONVERT_MAX_MB: number;
  DOCS_CONVERSIONS_PER_USER: number;
  DOCS_CONVERSIONS_PER_TEAM: number;
}): ConversionQueueConfig {
  return { maxMemoryMb: value.DOCS_CONVERT_MAX_MB, perUser: value.DOCS_CONVERSIONS_PER_USER, perTeam: value.DOCS_CONVERSIONS_PER_TEAM };
}
