// A document of the rep's library as the picker shows it, read from the server's wire schema:
// shared by the service worker's document calls and the picker page's own upload request.
import { documentSchema, type DocumentInfo } from '../../shared/document-schemas.ts';
import type { PickerDocument } from '../../shared/messages.ts';

export function pickerDocument(document: DocumentInfo): PickerDocument {
  return {
    id: document.id,
    name: document.title,
    pageCount: document.status === 'ready' ? document.pageCount : null,
    status: document.status,
    failureCode: document.status === 'failed' ? document.failureCode : null,
    mine: document.mine,
    sizeBytes: document.size,
    createdAt: document.createdAt,
  };
}

/** The upload's answer (POST /api/v1/documents), for the picker page's own request. */
export const uploadedDocumentSchema = documentSchema.transform(pickerDocument);
