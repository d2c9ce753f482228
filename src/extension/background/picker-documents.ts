// The picker's document calls, made by the service worker (documents.search, documents.createLink,
// documents.remove): list/search the rep's library, create a tracked viewer link of a document for
// an email, and remove a document of theirs whose conversion failed.
// Answers are validated with the shared wire schemas (src/shared/document-schemas.ts) and
// handed to the picker as PickerDocument / PickerLink.
import { z } from 'zod';
import { documentLinkSchema, documentListSchema } from '../../shared/document-schemas.ts';
import type { PickerDocument, PickerLink } from '../../shared/messages.ts';
import { pickerDocument } from '../data/picker-document.ts';
import type { GlintHttp } from './signed-in-http.ts';

export async function searchDocuments(http: GlintHttp, query: string): Promise<PickerDocument[]> {
  const trimmed = query.trim();
  const list = await http.request({
    path: '/api/v1/documents',
    query: { q: trimmed === '' ? undefined : trimmed },
    schema: documentListSchema,
  });
  // A team-mate's failed document is nothing this rep can add or remove: it is not offered.
  return list.documents.filter((document) => document.status !== 'failed' || document.mine).map(pickerDocument);
}

/** Deletes the rep's own document (204): the picker offers it for a failed conversion. */
export async function removeDocument(http: GlintHttp, documentId: string): Promise<{ removed: true }> {
  await http.request({ method: 'DELETE', path: `/api/v1/documents/${encodeURIComponent(documentId)}`, schema: z.undefined() });
  return { removed: true };
}

export async function createDocumentLink(http: GlintHttp, documentId: string, emailToken: string): Promise<PickerLink> {
  const link = await http.request({
    method: 'POST',
    path: `/api/v1/documents/${encodeURIComponent(documentId)}/links`,
    body: { emailToken },
    schema: documentLinkSchema,
  });
  // Only http(s) links go into an email, whatever a server answers.
  const protocol = new URL(link.url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error('The server answered a link that is not a web address');
  return { documentId, url: link.url };
}
