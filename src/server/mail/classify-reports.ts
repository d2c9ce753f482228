// Machine reports that answer a message without being a reply or a bounce: read receipts
// (RFC 8098 message/disposition-notification) and abuse feedback reports (RFC 5965 ARF,
// message/feedback-report). Both are `other`.
import type { ParsedMessage } from './message-types.ts';

const REPORT_TYPES = new Set(['disposition-notification', 'feedback-report']);
const REPORT_PARTS = new Set(['message/disposition-notification', 'message/feedback-report']);

// Read receipts sent as plain messages by clients that do not build the MIME report.
const RECEIPT_SUBJECT = /^\s*(?:read|gelesen|lu|gelezen|read receipt|return receipt|lesebest.tigung)\s*:/i;

export function isReadReceiptOrFeedbackReport(message: ParsedMessage): boolean {
  if (message.reportType !== null && REPORT_TYPES.has(message.reportType)) return true;
  if (message.parts.some((part) => REPORT_PARTS.has(part.contentType))) return true;
  if ((message.headers['feedback-type'] ?? []).length > 0) return true;
  return (
    RECEIPT_SUBJECT.test(message.subject) &&
    /\b(?:was read|has been (?:read|displayed)|wurde gelesen|a été lu|is gelezen)\b/i.test(message.text)
  );
}
