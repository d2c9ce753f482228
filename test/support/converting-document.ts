// A PowerPoint document as an upload leaves it before LibreOffice has run: stored directly (no
// HTTP upload), reading `converting`, its PDF name reserved but not written. For the tests that
// must not race the server's own conversion of an upload.
import { Readable } from 'node:stream';
import { mintId } from '../../src/shared/ids.ts';
import type { FileStore } from '../../src/server/docs/file-store.ts';
import type { DocumentRecord, Store } from '../../src/server/store/store.ts';
import { makePptx } from './make-documents.ts';
import type { TestServer, TestUser } from './start-server.ts';

export interface ConvertingDocumentOptions {
  title: string;
  /** Store a real deck of this many slides as the original; null: only a name, no file behind it. */
  slides: number | null;
}

/** Where the document goes: a store and the documents directory its servers read. */
export interface DocumentPlace {
  store: Store;
  files: FileStore;
}

/** Creates the document in `server`'s store, owned by `owner`; the record stored. */
export function convertingDocument(server: TestServer, owner: TestUser, options: ConvertingDocumentOptions): Promise<DocumentRecord> {
  return storeConvertingDocument({ store: server.context.store, files: server.context.docs.files }, owner.user, options);
}

/** The same in any store (one that server processes share, for one): the record stored. */
export async function storeConvertingDocument(
  place: DocumentPlace,
  owner: { id: string; teamId: string },
  options: ConvertingDocumentOptions,
): Promise<DocumentRecord> {
  const { files } = place;
  const original =
    options.slides === null
      ? { ...(await files.reservePath()), size: 1, sha256: '0' }
      : await files.save(Readable.from([await makePptx(options.slides)]));
  const now = new Date();
  const document: DocumentRecord = {
    id: mintId('document'),
    ownerId: owner.id,
    teamId: owner.teamId,
    shared: false,
    title: options.title,
    originalName: 'deck.pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    docType: 'pptx',
    size: original.size,
    sha256: original.sha256,
    originalFile: original.name,
    pdfFile: (await files.reservePath()).name,
    pageCount: 0,
    status: 'converting',
    failure: null,
    failureCode: null,
    createdAt: now,
    updatedAt: now,
  };
  await place.store.createDocument(document);
  return document;
}
