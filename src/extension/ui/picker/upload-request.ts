// One multipart upload to POST /api/v1/documents with XMLHttpRequest, for its upload progress
// events (fetch has none). Failures come back as the API client's MessageError codes, which the
// picker words for the rep; the server's own message is kept (it is written for a person).
import { MessageError, type PickerDocument } from '../../../shared/messages.ts';
import { httpError } from '../../data/api-error.ts';
import { uploadedDocumentSchema } from '../../data/picker-document.ts';

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
}

/** Nothing cancels an upload but closing the picker, which ends the request with the page. */
export function uploadFile({ serverUrl, apiToken, file, onProgress }: UploadRequest): Promise<unknown> {
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
      reject(httpError(xhr.status, payload, new URL(serverUrl).origin));
    });
    xhr.addEventListener('error', () =>
      reject(new MessageError('server-unreachable', `Cannot reach the Glint server at ${new URL(serverUrl).origin}`)),
    );
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function singleDocumentResponse(payload: unknown): PickerDocument {
  const parsed = uploadedDocumentSchema.safeParse(payload);
  if (!parsed.success) throw new MessageError('not-a-glint-server', 'The server did not answer with a document');
  return parsed.data;
}
