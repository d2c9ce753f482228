// Oracle Cloud's public_ip_ranges.json (https://docs.oracle.com/iaas/tools/public_ip_ranges.json):
// { last_updated_timestamp, regions: [{ region, cidrs: [{ cidr, tags }] }] }.
import { z } from 'zod';
import { parseJsonList } from '../list-format-error.ts';

const schema = z.object({
  last_updated_timestamp: z.string(),
  regions: z.array(z.object({ region: z.string(), cidrs: z.array(z.object({ cidr: z.string() })) })),
});

export function parseOracleJson(text: string): string[] {
  const list = parseJsonList(text, schema, "Oracle Cloud's public_ip_ranges.json");
  return list.regions.flatMap((region) => region.cidrs.map((entry) => entry.cidr));
}
