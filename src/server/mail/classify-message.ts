// The pure message classifier and matcher: one parsed message and the rep's tracked emails in,
// reply / auto_reply / bounce / other out, with the matched email's token. No I/O and no clock
// (dates come from the message), so the watcher and `glint mail classify` answer alike.
// Checks go from the most specific to the most generic: the rep's own messages, then read
// receipts and feedback reports, then bounces (a DSN often carries Auto-Submitted too, so bounces
// come before auto-replies), then auto-replies; what is left is a reply when it answers a tracked
// email, from any address but the rep's.
import { failedInAttachedReports, readDsn } from './classify-bounce-dsn.ts';
import { isDelayNotice, isLegacyBounce, legacyFailedAddresses } from './classify-bounce-legacy.ts';
import { isAutoReply } from './classify-auto-reply.ts';
import { indexTrackedEmails, matchTrackedEmail } from './classify-match.ts';
import { isReadReceiptOrFeedbackReport } from './classify-reports.ts';
import { localDay, returnDateIn } from './classify-return-date.ts';
import { normaliseAddress } from './message-ids.ts';
import type { MessageClassification, ParsedMessage, SenderRole, TrackedEmail } from './message-types.ts';
import { firstLinesOf, newTextOf } from './reply-text.ts';

export type { MessageClassification, ParsedMessage, TrackedEmail } from './message-types.ts';

const OTHER: MessageClassification = {
  kind: 'other',
  token: null,
  returnDate: null,
  bouncedRecipients: [],
  senderRole: null,
  firstLines: null,
};

function senderRoleOf(message: ParsedMessage, email: TrackedEmail): SenderRole {
  const sender = message.from[0];
  if (sender === undefined) return 'other';
  if (email.to.some((address) => normaliseAddress(address) === sender)) return 'to';
  if (email.cc.some((address) => normaliseAddress(address) === sender)) return 'cc';
  return 'other';
}

/** A legacy notice names many addresses; those the tracked email was sent to are the failed ones. */
function failedOfLegacy(message: ParsedMessage, email: TrackedEmail | null, own: ReadonlySet<string>): string[] {
  const attached = failedInAttachedReports(message);
  if (attached.length > 0) return attached;
  const exclude = new Set([...own, ...message.from, ...message.to, ...message.cc]);
  const named = legacyFailedAddresses(message, exclude);
  if (email === null) return named;
  const recipients = new Set([...email.to, ...email.cc].map(normaliseAddress));
  const ofEmail = named.filter((address) => recipients.has(address));
  return ofEmail.length > 0 ? ofEmail : named;
}

function messageDay(message: ParsedMessage, email: TrackedEmail | null): Date | null {
  if (message.date) return localDay(message.date, message.headers['date']?.[0]);
  if (email) return localDay(email.sentAt, undefined);
  return null;
}

export function classifyMessage(
  message: ParsedMessage,
  tracked: readonly TrackedEmail[],
  ownAddresses: readonly string[],
): MessageClassification {
  const own = new Set(ownAddresses.map(normaliseAddress));
  if (message.from.some((address) => own.has(address))) return OTHER;
  if (isReadReceiptOrFeedbackReport(message)) return OTHER;

  const email = matchTrackedEmail(message, indexTrackedEmails(tracked));
  const token = email?.token ?? null;
  const dsn = readDsn(message);
  if (dsn !== null) {
    return dsn.failed ? { ...OTHER, kind: 'bounce', token, bouncedRecipients: dsn.recipients } : OTHER;
  }
  if (isLegacyBounce(message)) {
    return { ...OTHER, kind: 'bounce', token, bouncedRecipients: failedOfLegacy(message, email, own) };
  }

  if (isDelayNotice(message)) return OTHER;

  const newText = newTextOf(message.text);
  const senderRole = email ? senderRoleOf(message, email) : null;
  const firstLines = firstLinesOf(newText);
  if (isAutoReply(message, newText)) {
    const returnDate = returnDateIn(newText, messageDay(message, email));
    return { ...OTHER, kind: 'auto_reply', token, returnDate, senderRole, firstLines };
  }
  if (email) return { ...OTHER, kind: 'reply', token, senderRole, firstLines };
  return OTHER;
}
