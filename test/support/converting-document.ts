// A PowerPoint document as an upload leaves it before LibreOffice has run: stored directly (no
// HTTP upload), reading `converting`, its PDF name reserved but not written. For the tests that
// must not race the server's own conversion of an upload.
import { Readable } from 'node:stream';
import { mintId } from '../../src/shared/ids.ts';
import type { DocumentRecord } from '../../src/server/store/store.ts';
import { makePptx } from './make-documents.ts';
import type { TestServer, TestUser } from './start-server.ts';

export interface ConvertingDocumentOptions {
  title: string;
  /** Store a real deck of this many slides as the original; null: only a name, no file behind it. */
  slides: number | null;
}

/** Creates the document in `server`'s store, owned by `owner`; the record stored. */
export async function convertingDocument(server: TestServer, owner: TestUser, options: ConvertingDocumentOptions): Promise<DocumentRecord> {
  const { files } = server.context.docs;
  const original =
    options.slides === null
      ? { ...(await files.reservePath()), size: 1, sha256: '0' }
      : await files.save(Readable.from([await makePptx(options.slides)]));
  const now = new Date();
  const document: DocumentRecord = {
    id: mintId('document'),
    ownerId: owner.user.id,
    teamId: owner.user.teamId,
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
  await server.context.store.createDocument(document);
  return document;
}
