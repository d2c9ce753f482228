// A message the rep writes by hand on a thread (seen by the mailbox watcher in the Sent folder or
// Gmail's All Mail: from the rep's own address, answering a tracked email or one of its follow-ups,
// with a Message-ID that is none of Glint's step Message-IDs) stops the thread's enrolments: the
// rep has taken the conversation over, so no automatic follow-up should talk over them.
import type { ParsedMessage } from '../mail/message-types.ts';
import { normaliseMessageId } from '../mail/message-ids.ts';
import { stopEnrolment, type StopRuleDeps } from './stop-rules.ts';

/** How many enrolments the rep's own message stopped. */
export async function stopOnManualMessage(deps: StopRuleDeps, userId: string, message: ParsedMessage): Promise<number> {
  if (!message.messageId) return 0;
  const own = normaliseMessageId(message.messageId);
  const answered = [...new Set([...message.inReplyTo, ...message.references].map(normaliseMessageId))].filter((id) => id !== own);
  if (answered.length === 0) return 0;
  // Glint's own follow-ups, filed in the Sent folder, answer the thread too: they are not the rep's.
  if (await deps.store.isCampaignStepMessage(userId, own)) return 0;
  const emails = await deps.store.findEmailsForMessage(userId, { messageIds: answered, tokens: [] });
  const threads = emails.filter((email) => email.rfcMessageId === null || normaliseMessageId(email.rfcMessageId) !== own);
  if (threads.length === 0) return 0;
  const enrolments = await deps.store.enrolmentsOnThread(
    userId,
    threads.map((email) => email.token),
  );
  const at = deps.now?.() ?? new Date();
  let moved = 0;
  for (const enrolment of enrolments) {
    if (enrolment.state !== 'active' && enrolment.state !== 'paused') continue;
    if (await stopEnrolment(deps, enrolment, { kind: 'campaign_stopped', reason: 'manual' }, at)) moved += 1;
  }
  if (moved > 0) deps.hub.notify(userId);
  return moved;
}
