// Google Cloud's cloud.json (https://www.gstatic.com/ipranges/cloud.json, "Obtain Google IP address
// ranges"): { syncToken, creationTime, prefixes: [{ ipv4Prefix | ipv6Prefix, service, scope }] }.
import { z } from 'zod';
import { parseJsonList } from '../list-format-error.ts';

const schema = z.object({
  syncToken: z.string(),
  creationTime: z.string(),
  prefixes: z.array(z.union([z.object({ ipv4Prefix: z.string() }), z.object({ ipv6Prefix: z.string() })])),
});

export function parseGoogleCloudJson(text: string): string[] {
  const list = parseJsonList(text, schema, "Google Cloud's cloud.json");
  return list.prefixes.map((entry) => ('ipv4Prefix' in entry ? entry.ipv4Prefix : entry.ipv6Prefix));
}
