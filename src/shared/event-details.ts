// The `details` object that document and mail events carry in the feed (FeedEvent.details is an
// open record on the wire). The viewer's page-time beacons and the mailbox watcher produce it,
// ingestion stores it as is, the popup draws it. Parse with these schemas where it is read: a
// malformed one is ignored, never trusted.
import { z } from 'zod';

/** A hit labelled by the network it came from (datacenter-network): the provider's name. */
export const networkDetailsSchema = z.object({ network: z.string().min(1).max(100) });

export function parseNetwork(details: unknown): string | null {
  return networkDetailsSchema.safeParse(details).data?.network ?? null;
}

/** Seconds a reader spent on one page of a document during one visit. */
export const pageTimeSchema = z.object({
  page: z.number().int().min(1).max(100_000),
  seconds: z.number().min(0).max(86_400),
});
export type PageTime = z.infer<typeof pageTimeSchema>;

/** Which document an event is about; every document event may carry it. */
export const documentRefSchema = z.object({
  documentId: z.string().max(64).optional(),
  documentName: z.string().max(500).optional(),
});

/** `doc_pages`: one per visit, seconds per page and the visit's total. */
export const docPagesDetailsSchema = documentRefSchema.extend({
  pages: z.array(pageTimeSchema).max(10_000),
  totalSeconds: z
    .number()
    .min(0)
    .max(7 * 86_400),
});
export type DocPagesDetails = z.infer<typeof docPagesDetailsSchema>;

/** `doc_open`, `doc_download`: only which document. */
export type DocumentRef = z.infer<typeof documentRefSchema>;

export function parseDocPagesDetails(details: unknown): DocPagesDetails | null {
  const parsed = docPagesDetailsSchema.safeParse(details);
  return parsed.success ? parsed.data : null;
}

export function parseDocumentRef(details: unknown): DocumentRef {
  const parsed = documentRefSchema.safeParse(details);
  return parsed.success ? parsed.data : {};
}

/** Who on the thread wrote: a To recipient, a CC'd person, or any other address (a colleague). */
export const SENDER_ROLES = ['to', 'cc', 'other'] as const;
export type SenderRole = (typeof SENDER_ROLES)[number];

const senderSchema = z.object({
  from: z.string().max(320),
  fromName: z.string().max(200).optional(),
  senderRole: z.enum(SENDER_ROLES),
});

/** `reply`: who answered and the first lines of the new text (quoted part stripped). */
export const replyDetailsSchema = senderSchema.extend({ firstLines: z.string().max(300) });
export type ReplyDetails = z.infer<typeof replyDetailsSchema>;

/** `auto_reply`: who is away and, when the message says so, the day they are back. */
export const autoReplyDetailsSchema = senderSchema.extend({
  returnDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
export type AutoReplyDetails = z.infer<typeof autoReplyDetailsSchema>;

/** `bounce`: the addresses the mail could not be delivered to. */
export const bounceDetailsSchema = z.object({ bouncedRecipients: z.array(z.string().max(320)).max(100) });
export type BounceDetails = z.infer<typeof bounceDetailsSchema>;

export function parseReplyDetails(details: unknown): ReplyDetails | null {
  return replyDetailsSchema.safeParse(details).data ?? null;
}

export function parseAutoReplyDetails(details: unknown): AutoReplyDetails | null {
  return autoReplyDetailsSchema.safeParse(details).data ?? null;
}

export function parseBounceDetails(details: unknown): BounceDetails | null {
  return bounceDetailsSchema.safeParse(details).data ?? null;
}
