// The plain shapes the message classifier works on. message-parse.ts turns message bytes into a
// ParsedMessage; the classifier takes it with the rep's tracked emails and answers with a
// MessageClassification. Keeping the parsed shape plain lets the classifier be tested without
// parsing and run the same in the watcher and in `glint mail classify`.

/** One MIME part other than the body text: message/*, text/rfc822-headers and other text parts. */
export interface MessagePart {
  /** Lowercase MIME type, e.g. "message/delivery-status", "message/rfc822". */
  contentType: string;
  /** The part's content as text (an attached message: its raw header and body). */
  text: string;
}

export interface ParsedMessage {
  /** RFC 5322 Message-ID without angle brackets, or null. */
  messageId: string | null;
  /** Message-IDs without angle brackets, in header order. */
  inReplyTo: string[];
  references: string[];
  /** Lowercase addresses. */
  from: string[];
  /** The display name of the first From address, or null. */
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  /** The Date header, or null when absent or unreadable. */
  date: Date | null;
  /** Lowercase header name -> the unfolded raw values, in order. */
  headers: Record<string, string[]>;
  /** Lowercase top-level MIME type ("multipart/report", "text/plain"). */
  contentType: string;
  /** The report-type parameter of a multipart/report, lowercase, or null. */
  reportType: string | null;
  /** The body as plain text (from the HTML when there is no text part). */
  text: string;
  /** The HTML body, or "" when there is none. */
  html: string;
  parts: MessagePart[];
}

/** One email the rep sent with tracking. Addresses in any case; Message-ID with or without <>. */
export interface TrackedEmail {
  token: string;
  messageId: string | null;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  sentAt: Date;
}

export type MessageKind = 'reply' | 'auto_reply' | 'bounce' | 'other';
export type SenderRole = 'to' | 'cc' | 'other';

export interface MessageClassification {
  kind: MessageKind;
  /** The tracked email this message answers or returns; null when none matched. */
  token: string | null;
  /** An auto-reply's stated return date, YYYY-MM-DD. */
  returnDate: string | null;
  /** A bounce's failed addresses, lowercase. */
  bouncedRecipients: string[];
  /** Who answered, relative to the matched email's recipients (replies and auto-replies). */
  senderRole: SenderRole | null;
  /** The new text with the quoted part stripped, whitespace folded, at most 300 characters. */
  firstLines: string | null;
}
