// Word and PowerPoint uploads convert after the upload is answered (real LibreOffice): the
// document reads `converting`, then `ready` with its pages, or `failed` with a sentence; its
// links wait meanwhile, and a conversion cut short by a stop runs again at the next start.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { mintId } from '../../src/shared/ids.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makePptx } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

requireSoffice();

let viewerDir: string;
beforeAll(async () => {
  viewerDir = await buildViewer();
});

const auth = (user: TestUser): Record<string, string> => ({ authorization: `Bearer ${user.apiToken}` });

async function upload(server: TestServer, user: TestUser, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.baseUrl}/api/v1/documents`, { method: 'POST', headers: auth(user), body: form });
}

async function readDocument(server: TestServer, user: TestUser, id: string): Promise<DocumentInfo> {
  return (await (await fetch(`${server.baseUrl}/api/v1/documents/${id}`, { headers: auth(user) })).json()) as DocumentInfo;
}

/** Reads the document again, as the picker and the CLI do, until its conversion has ended. */
async function untilConverted(server: TestServer, user: TestUser, id: string): Promise<DocumentInfo> {
  let document = await readDocument(server, user, id);
  await expect
    .poll(async () => (document = await readDocument(server, user, id)).status, { interval: 200, timeout: 60_000 })
    .not.toBe('converting');
  return document;
}

async function createLink(server: TestServer, user: TestUser, documentId: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/documents/${documentId}/links`, {
    method: 'POST',
    headers: { ...auth(user), 'content-type': 'application/json' },
    body: JSON.stringify({}),
  });
}

describe('conversions after the upload', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    server = await startServer({ env: { VIEWER_DIR: viewerDir } });
    rep = await server.addUser('rep@convert.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('answers a PowerPoint upload at once (202 converting), then reads ready with its pages', async () => {
    const response = await upload(server, rep, await makePptx(3), 'Roadmap.pptx');
    expect(response.status).toBe(202);
    const uploaded = (await response.json()) as DocumentInfo;
    expect(uploaded).toMatchObject({ title: 'Roadmap', type: 'pptx', status: 'converting', pageCount: 0, failure: null });
    // A link can go out in an email right away; the reader will find the document ready.
    const link = (await (await createLink(server, rep, uploaded.id)).json()) as DocumentLinkInfo;
    const ready = await untilConverted(server, rep, uploaded.id);
    expect(ready).toMatchObject({ status: 'ready', pageCount: 3, failure: null });
    const viewer = await fetch(link.url);
    expect(viewer.status).toBe(200);
    expect(await viewer.text()).toContain('Roadmap');
  });

  it('tells a reader who comes too early to wait, and the page reloads by itself', async () => {
    // A document still converting, made directly in the store so the test does not race LibreOffice.
    const { files } = server.context.docs;
    const original = await files.reservePath();
    const now = new Date();
    const id = mintId('document');
    await server.context.store.createDocument({
      id,
      ownerId: rep.user.id,
      teamId: rep.user.teamId,
      shared: false,
      title: 'Still converting',
      originalName: 'deck.pptx',
      mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      docType: 'pptx',
      size: 1,
      sha256: '0',
      originalFile: original.name,
      pdfFile: (await files.reservePath()).name,
      pageCount: 0,
      status: 'converting',
      failure: null,
      failureCode: null,
      createdAt: now,
      updatedAt: now,
    });
    const link = (await (await createLink(server, rep, id)).json()) as DocumentLinkInfo;
    const page = await fetch(link.url);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    const html = await page.text();
    expect(html).toContain('The document is being prepared');
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    const file = await fetch(`${link.url}/file`);
    expect(file.status).toBe(503);
    expect(((await file.json()) as { error: { code: string } }).error.code).toBe('document_preparing');
  });
});

describe('a conversion that fails', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    // A server whose LibreOffice is missing: every conversion fails, and says why.
    server = await startServer({ env: { VIEWER_DIR: viewerDir, SOFFICE_PATH: '/nonexistent/soffice' } });
    rep = await server.addUser('rep@broken.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('reads failed with a sentence for the rep, and cannot be shared', async () => {
    const response = await upload(server, rep, await makePptx(2), 'deck.pptx');
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as DocumentInfo;
    const failed = await untilConverted(server, rep, id);
    expect(failed.status).toBe('failed');
    expect(failed).toMatchObject({ failureCode: 'unavailable', failure: CONVERSION_FAILURE_SENTENCES.unavailable });
    const link = await createLink(server, rep, id);
    expect(link.status).toBe(409);
    expect(((await link.json()) as { error: { code: string } }).error.code).toBe('document_failed');
  });
});

describe('a conversion cut short by a stop', () => {
  it('runs again when the server starts on the same data', async () => {
    const first = await startServer({ env: { VIEWER_DIR: viewerDir }, keepDataDir: true });
    const rep = await first.addUser('rep@restart.example', { plan: 'team_starter' });
    // The upload was stored and the process stopped before LibreOffice finished: the original
    // is on disk, the document still reads converting.
    const { files } = first.context.docs;
    const original = await files.save(Readable.from([await makePptx(4)]), { maxBytes: 10_000_000 });
    const now = new Date();
    const id = mintId('document');
    await first.context.store.createDocument({
      id,
      ownerId: rep.user.id,
      teamId: rep.user.teamId,
      shared: false,
      title: 'Interrupted',
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
    });
    await first.close();

    const again = await startServer({ env: { VIEWER_DIR: viewerDir }, dataDir: first.dataDir });
    try {
      expect(await untilConverted(again, rep, id)).toMatchObject({ status: 'ready', pageCount: 4 });
    } finally {
      await again.close();
    }
  });
});
