// Emails that went out untracked because something failed (Glint fails open: the mail is sent
// unchanged). Kept in chrome.storage.local, newest first, bounded, for the options page to show.
// Written by the background (compose.reportFailure, outbox refusals); the options page lists
// and clears it.
import { z } from 'zod';
import { SEND_FAILURE_REASONS, type SendFailureReason } from '../../shared/messages.ts';
import type { KeyValueArea } from './storage.ts';

export const SEND_FAILURES_KEY = 'sendFailures';
export const MAX_SEND_FAILURES = 50;

export const sendFailureSchema = z.object({
  at: z.string(),
  reason: z.enum(SEND_FAILURE_REASONS),
  /** What went wrong, for a person (an error message, the server's refusal). */
  detail: z.string(),
  subject: z.string().optional(),
});
export type SendFailure = z.infer<typeof sendFailureSchema>;

const listSchema = z.array(z.unknown());

export async function readSendFailures(area: KeyValueArea): Promise<SendFailure[]> {
  const raw = listSchema.safeParse(await area.get(SEND_FAILURES_KEY));
  if (!raw.success) return [];
  return raw.data.flatMap((item) => {
    const parsed = sendFailureSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function recordSendFailure(
  area: KeyValueArea,
  failure: { reason: SendFailureReason; detail: string; subject?: string | undefined },
  now: Date = new Date(),
): Promise<void> {
  const entry: SendFailure = { at: now.toISOString(), reason: failure.reason, detail: failure.detail.slice(0, 500) };
  if (failure.subject !== undefined) entry.subject = failure.subject.slice(0, 200);
  const list = await readSendFailures(area);
  await area.set(SEND_FAILURES_KEY, [entry, ...list].slice(0, MAX_SEND_FAILURES));
}

export async function clearSendFailures(area: KeyValueArea): Promise<void> {
  await area.remove(SEND_FAILURES_KEY);
}
