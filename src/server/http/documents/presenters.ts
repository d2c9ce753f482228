// Document store records -> wire objects (src/shared/document-schemas.ts), and the mapping of the
// document pipeline's errors to HTTP answers a person can act on.
import type { DocumentInfo, DocumentLinkInfo } from '../../../shared/document-schemas.ts';
import { cleanDisplayText } from '../../../shared/display-text.ts';
import { documentViewerUrl } from '../../../shared/tracking-urls.ts';
import { UnsupportedFileTypeError } from '../../docs/document-types.ts';
import { FileTooLargeError } from '../../docs/file-store.ts';
import { RefusedDocumentError } from '../../docs/refused-document.ts';
import { PlanRequiredError } from '../../docs/plan-gate.ts';
import { ConversionError } from '../../docs/soffice.ts';
import type { DocumentLinkRecord, DocumentRecord } from '../../store/store.ts';
import { HttpError } from '../errors.ts';

export const presentDocument = (document: DocumentRecord, callerId: string): DocumentInfo => ({
  id: document.id,
  title: cleanDisplayText(document.title),
  originalName: document.originalName,
  type: document.docType as DocumentInfo['type'],
  mime: document.mime,
  size: document.size,
  sha256: document.sha256,
  pageCount: document.pageCount,
  status: document.status,
  failure: document.failure,
  failureCode: document.failureCode,
  shared: document.shared,
  ownerId: document.ownerId,
  mine: document.ownerId === callerId,
  createdAt: document.createdAt.toISOString(),
  updatedAt: document.updatedAt.toISOString(),
});

export const presentDocumentLink = (link: DocumentLinkRecord, baseUrl: string): DocumentLinkInfo => ({
  token: link.token,
  url: documentViewerUrl(baseUrl, link.token),
  documentId: link.documentId,
  emailToken: link.emailToken,
  expiresAt: link.expiresAt?.toISOString() ?? null,
  revoked: link.revokedAt !== null,
  allowDownload: link.allowDownload,
  requireEmail: link.requireEmail,
  createdAt: link.createdAt.toISOString(),
});

const INVALID_MULTIPART = 'The upload is not valid multipart/form-data (its boundary is missing or it ended early); send the file again';

/** What @fastify/multipart and its parser throw for a malformed or oversized form. */
function multipartHttpError(error: Error & { code?: unknown; statusCode?: unknown }): HttpError | null {
  if (error.code === 'FST_PARTS_LIMIT' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_FIELDS_LIMIT') {
    return new HttpError(413, 'too_many_parts', 'Send one file part and nothing else (at most a few small fields)');
  }
  if (error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new HttpError(415, 'multipart_required', 'Send the document as multipart/form-data with one file part');
  if (typeof error.code === 'string' && error.code.startsWith('FST_') && error.statusCode === 400)
    return new HttpError(400, 'invalid_multipart', INVALID_MULTIPART);
  // The parser's own errors carry no code, only these messages (busboy/dicer).
  if (/multipart|boundary|part header/i.test(error.message)) return new HttpError(400, 'invalid_multipart', INVALID_MULTIPART);
  if (error.message === 'aborted' || error.code === 'ECONNRESET')
    return new HttpError(400, 'upload_aborted', 'The upload was cut off before the whole file arrived');
  return null;
}

/** The HTTP answer for a failure of the upload and conversion pipeline; other errors pass through. */
export function documentHttpError(error: unknown): unknown {
  if (error instanceof PlanRequiredError) return new HttpError(403, error.code, error.message);
  if (error instanceof UnsupportedFileTypeError) return new HttpError(415, error.code, error.message, { looksLike: error.looksLike });
  if (error instanceof FileTooLargeError) return new HttpError(413, error.code, error.message, { limitBytes: error.limitBytes });
  if (error instanceof RefusedDocumentError) return new HttpError(422, error.code, error.message);
  if (error instanceof ConversionError) {
    if (error.failure === 'not_installed') return new HttpError(503, 'conversion_unavailable', error.message);
    return new HttpError(422, `conversion_${error.failure}`, error.message);
  }
  return (error instanceof Error && multipartHttpError(error)) || error;
}
