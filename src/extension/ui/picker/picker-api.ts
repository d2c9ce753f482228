// What the picker needs from Glint, as one interface (faked in tests, real in the extension).
//
// Decision: the picker is an extension page framed inside Gmail's modal, not React inside the
// content script. Listing and link creation go through the background (typed messages); the
// upload goes straight from this page to the server with XMLHttpRequest and the stored API
// token, because only XHR reports upload progress, the service worker has no XHR, and a content
// script's requests carry Gmail's origin, which the server's CORS (chrome-extension:// only) and
// the extension's host permission do not cover. The token stays in extension processes.
import { MessageError, type GlintActions, type PickerDocument, type PickerLink } from '../../../shared/messages.ts';
import type { AuthState } from '../../data/auth-state.ts';
import { singleDocumentResponse, uploadFile, type UploadProgress } from './upload-request.ts';

export interface PickerApi {
  search(query: string): Promise<PickerDocument[]>;
  upload(file: File, onProgress: (progress: UploadProgress) => void): Promise<PickerDocument>;
  createLink(documentId: string, emailToken: string): Promise<PickerLink>;
  /** The rep's own document, gone from the library (offered for a failed conversion). */
  remove(documentId: string): Promise<void>;
}

export function extensionPickerApi(actions: GlintActions, readAuth: () => Promise<AuthState | null>): PickerApi {
  return {
    async search(query) {
      return (await actions('documents.search', { query })).documents;
    },
    async upload(file, onProgress) {
      const auth = await readAuth();
      if (!auth) throw new MessageError('signed-out', 'Not signed in');
      const body = await uploadFile({ serverUrl: auth.serverUrl, apiToken: auth.apiToken, file, onProgress });
      return singleDocumentResponse(body);
    },
    createLink: (documentId, emailToken) => actions('documents.createLink', { documentId, emailToken }),
    async remove(documentId) {
      await actions('documents.remove', { documentId });
    },
  };
}
