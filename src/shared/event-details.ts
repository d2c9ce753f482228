// The `details` object that document events carry in the feed (FeedEvent.details is an open
// record on the wire). The viewer's page-time beacons produce it, ingestion stores it as is,
// the popup draws it. Parse with these schemas where it is read: a malformed one is ignored,
// never trusted.
import { z } from 'zod';

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
