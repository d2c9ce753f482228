// One multipart upload to POST /api/v1/documents with XMLHttpRequest, for its upload progress
// events (fetch has none). Failures come back as MessageError codes the picker words for the rep;
// the server's own message is kept (the plan message is written for a person).
import { errorResponseSchema } from '../../../shared/api-schemas.ts';
import { MessageError, type PickerDocument } from '../../../shared/messages.ts';
import { uploadedDocumentSchema } from '../../background/outbox-documents.ts';

export interface UploadProgress {
  loaded: number;
  total: number;
  /** All bytes are sent; the server is storing, converting or counting pages. */
  processing: boolean;
}

export interface UploadRequest {
  serverUrl: string;
  apiToken: string;
  file: File;
  onProgress(progress: UploadProgress): void;
  signal: AbortSignal;
}

export function uploadFile({ serverUrl, apiToken, file, onProgress, signal }: UploadRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${serverUrl.replace(/\/+$/, '')}/api/v1/documents`);
    xhr.setRequestHeader('authorization', `Bearer ${apiToken}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      const total = event.lengthComputable ? event.total : file.size;
      onProgress({ loaded: event.loaded, total, processing: false });
    });
    xhr.upload.addEventListener('load', () => onProgress({ loaded: file.size, total: file.size, processing: true }));
    xhr.addEventListener('load', () => {
      let payload: unknown;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload);
      reject(failure(xhr.status, payload));
    });
    xhr.addEventListener('error', () => reject(new MessageError('server-unreachable', `Cannot reach the Glint server at ${new URL(serverUrl).origin}`)));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled', 'AbortError')));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function failure(status: number, payload: unknown): MessageError {
  const error = errorResponseSchema.safeParse(payload).data?.error;
  if (status === 401) return new MessageError('signed-out', error?.message ?? 'Not signed in');
  if (status === 403 && error?.code === 'plan_required') return new MessageError('plan-required', error.message);
  if (status >= 500) return new MessageError('server-error', `The Glint server failed (HTTP ${status})`);
  return new MessageError('invalid-request', error?.message ?? `The server refused the upload (HTTP ${status})`);
}

export function singleDocumentResponse(payload: unknown): PickerDocument {
  const parsed = uploadedDocumentSchema.safeParse(payload);
  if (!parsed.success) throw new MessageError('not-a-glint-server', 'The server did not answer with a document');
  return parsed.data;
}
