// The JSON Lines `glint classify` reads, validated with zod. Unknown extra fields are ignored, so
// a fixture may carry its expected labels next to the input.
import { z } from 'zod';
import { MAX_TEAM_NETWORKS } from '../../shared/team-networks-api.ts';
import { isValidIp } from '../ingest/ip-match.ts';
import { normaliseCidr } from '../ingest/team-network-cidr.ts';

const at = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2025-03-04T09:15:00Z' })
  .transform((text) => new Date(text));
const name = z.string().min(1).max(256);

/** A network the owner's team allow-listed, normalised as the server stores it. */
const allowedNetwork = z
  .string()
  .max(64)
  .transform((text, context) => {
    const reading = normaliseCidr(text);
    if (reading.ok) return reading.cidr;
    context.addIssue({ code: 'custom', message: reading.error });
    return z.NEVER;
  });

const sentLine = z.object({
  type: z.literal('sent'),
  token: name,
  at,
  ownerDevices: z.array(name).max(1000).default([]),
  links: z.number().int().min(0).max(10_000).optional(),
  allowedNetworks: z.array(allowedNetwork).max(MAX_TEAM_NETWORKS).optional(),
});

const selfViewLine = z.object({
  type: z.literal('selfview'),
  token: name,
  deviceId: name,
  at,
});

const hitLine = z.object({
  type: z.literal('hit'),
  id: name,
  kind: z.enum(['open', 'click']),
  token: name,
  at,
  ip: z.string().max(64).refine(isValidIp, 'must be an IPv4 (dotted quad) or IPv6 address'),
  userAgent: z.string().max(4096),
  deviceId: name.optional(),
  linkId: name.optional(),
});

export const inputLineSchema = z.discriminatedUnion('type', [sentLine, selfViewLine, hitLine], {
  error: 'type must be "sent", "selfview" or "hit"',
});
export type InputLine = z.infer<typeof inputLineSchema>;

export type ParsedLine = { ok: true; line: InputLine } | { ok: false; error: string };

/** Parses one line of input; the error names the offending fields, never echoes the input. */
export function parseInputLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const result = inputLineSchema.safeParse(json);
  if (result.success) return { ok: true, line: result.data };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return { ok: false, error: problems.join('; ') };
}
