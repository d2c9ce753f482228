// A downloaded list that is not what its provider publishes: the message says what is wrong in a
// sentence for the log; the previous good copy is kept.
import type { z } from 'zod';

export class ListFormatError extends Error {}

/** The first zod issue as a sentence: where and what. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected content';
  const where = issue.path.length > 0 ? `at ${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Parses JSON text against the provider's schema, or throws a ListFormatError naming the problem. */
export function parseJsonList<T>(text: string, schema: z.ZodType<T>, format: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ListFormatError(`not valid JSON (truncated?), expected ${format}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ListFormatError(`not ${format}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}
