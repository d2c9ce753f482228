// AWS ip-ranges.json (https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html):
// { syncToken, createDate, prefixes: [{ ip_prefix, region, service, ... }], ipv6_prefixes: [{ ipv6_prefix, ... }] }.
import { z } from 'zod';
import { parseJsonList } from '../list-format-error.ts';

const schema = z.object({
  syncToken: z.string(),
  createDate: z.string(),
  prefixes: z.array(z.object({ ip_prefix: z.string() })),
  ipv6_prefixes: z.array(z.object({ ipv6_prefix: z.string() })),
});

export function parseAwsIpRanges(text: string): string[] {
  const list = parseJsonList(text, schema, "AWS's ip-ranges.json");
  return [...list.prefixes.map((entry) => entry.ip_prefix), ...list.ipv6_prefixes.map((entry) => entry.ipv6_prefix)];
}
