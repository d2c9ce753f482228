// The picker's document calls, made by the service worker (documents.search, documents.createLink):
// list/search the rep's library and create a tracked viewer link of a document for an email.
// The wire shapes (src/shared/document-schemas.ts: title, pageCount, size) are read leniently, so
// the picker keeps working while the document API settles; it always gets a PickerDocument.
import { z } from 'zod';
import type { PickerDocument, PickerLink } from '../../shared/messages.ts';
import type { GlintHttp } from './outbox-http.ts';

const documentWireSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    title: z.string().optional(),
    fileName: z.string().optional(),
    filename: z.string().optional(),
    pageCount: z.number().int().nullable().optional(),
    pages: z.number().int().nullable().optional(),
    sizeBytes: z.number().nullable().optional(),
    size: z.number().nullable().optional(),
    createdAt: z.string().nullable().optional(),
  })
  .transform(
    (doc): PickerDocument => ({
      id: doc.id,
      name: doc.name ?? doc.title ?? doc.fileName ?? doc.filename ?? doc.id,
      pageCount: doc.pageCount ?? doc.pages ?? null,
      sizeBytes: doc.sizeBytes ?? doc.size ?? null,
      createdAt: doc.createdAt ?? null,
    }),
  );

export const documentListSchema = z.union([
  z.object({ documents: z.array(documentWireSchema) }).transform((body) => body.documents),
  z.array(documentWireSchema),
]);

export const singleDocumentSchema = z.union([z.object({ document: documentWireSchema }).transform((body) => body.document), documentWireSchema]);

const linkWireSchema = z.object({ url: z.string().url() });
const linkResponseSchema = z.union([z.object({ link: linkWireSchema }).transform((body) => body.link), linkWireSchema]);

export async function searchDocuments(http: GlintHttp, query: string): Promise<PickerDocument[]> {
  const trimmed = query.trim();
  return http.request({ path: '/api/v1/documents', query: { q: trimmed === '' ? undefined : trimmed }, schema: documentListSchema });
}

export async function createDocumentLink(http: GlintHttp, documentId: string, emailToken: string): Promise<PickerLink> {
  const link = await http.request({
    method: 'POST',
    path: `/api/v1/documents/${encodeURIComponent(documentId)}/links`,
    body: { emailToken },
    schema: linkResponseSchema,
  });
  // Only http(s) links go into an email, whatever a server answers.
  const protocol = new URL(link.url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error('The server answered a link that is not a web address');
  return { documentId, url: link.url };
}
