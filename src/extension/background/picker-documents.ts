// The picker's document calls, made by the service worker (documents.search, documents.createLink):
// list/search the rep's library and create a tracked viewer link of a document for an email.
// Answers are validated with the shared wire schemas (src/shared/document-schemas.ts) and
// handed to the picker as PickerDocument / PickerLink.
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
  return list.documents.map(pickerDocument);
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
