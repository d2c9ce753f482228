// The SENT.jsonl of `glint mail classify`: one tracked email per line, validated with zod. A bad
// line stops the command (exit 2) with a message that names the line and the fields, never the
// line's content.
import { z } from 'zod';
import type { TrackedEmail } from '../mail/message-types.ts';
import { UsageError } from './cli-errors.ts';

const text = z.string().max(4096);
const address = z.string().min(3).max(320).includes('@', { message: 'must be an email address' });

const sentLine = z.object({
  token: z.string().min(1).max(256),
  messageId: text.min(1).nullable().default(null),
  from: address,
  to: z.array(address).max(1000),
  cc: z.array(address).max(1000).default([]),
  subject: text.default(''),
  sentAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2027-03-02T09:00:00Z' }),
});

/** The tracked emails of a SENT.jsonl text; blank lines are ignored. Throws UsageError. */
export function parseSentLines(content: string, fileName: string): TrackedEmail[] {
  const emails: TrackedEmail[] = [];
  const lines = content.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${fileName}: line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new UsageError(`${where}: not valid JSON`);
    }
    const result = sentLine.safeParse(json);
    if (!result.success) {
      const problems = result.error.issues.map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      );
      throw new UsageError(`${where}: ${problems.join('; ')}`);
    }
    emails.push({ ...result.data, sentAt: new Date(result.data.sentAt) });
  }
  return emails;
}
