// The one place the page-image job learns that a document became ready: a view of the store whose
// two writes that can make a document ready (a PDF stored ready at upload, a conversion that
// ends ready) call `onReady` once they succeeded. The document routes hand this view to the
// upload and to the conversions, so neither needs to know the job exists.
import type { Store } from '../../store/store.ts';
import type { DocumentRecord } from '../../store/document-store.ts';

export function announcingReady(store: Store, onReady: (document: DocumentRecord) => void): Store {
  return {
    ...store,
    async createDocument(document) {
      await store.createDocument(document);
      if (document.status === 'ready') onReady(document);
    },
    async finishConversion(id, outcome, at) {
      const finished = await store.finishConversion(id, outcome, at);
      if (finished?.status === 'ready') onReady(finished);
      return finished;
    },
  };
}
