// Lists written one range a line with the range first: RFC 8805 geofeeds (DigitalOcean's
// geo/google.csv, Linode's geoip.linode.com, Vultr's geofeed.constant.com: prefix,country,region,
// city,postal) and Apple's Private Relay egress-ip-ranges.csv (prefix,country,region,city,).
// Blank lines and # comments are skipped; any other line must start with a CIDR, and the text must
// end with a line break (a download cut mid-line could otherwise turn 10.1.0.0/24 into 10.1.0.0/2).
import { z } from 'zod';
import { ListFormatError } from '../list-format-error.ts';

const line = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/);

export function parsePrefixCsv(text: string, format: string): string[] {
  if (text.trim() !== '' && !text.endsWith('\n')) throw new ListFormatError(`not ${format}: its last line is cut off (truncated?)`);
  const prefixes: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const prefix = (trimmed.split(',')[0] ?? '').trim();
    if (!line.safeParse(prefix).success) {
      throw new ListFormatError(`not ${format}: line ${index + 1} does not start with an address range`);
    }
    prefixes.push(prefix);
  }
  return prefixes;
}
