// Word and PowerPoint uploads convert after the upload is answered (real LibreOffice): the
// document reads `converting`, then `ready` with its pages, or `failed` with a sentence; its
// links wait meanwhile, and a conversion cut short by a stop runs again at the next start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { convertingDocument } from '../support/converting-document.ts';
import { untilConverted, uploadDocument } from '../support/docs-upload.ts';
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
    const response = await uploadDocument(server, rep, await makePptx(3), 'Roadmap.pptx');
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
    const { id } = await convertingDocument(server, rep, { title: 'Still converting', slides: null });
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
    const response = await uploadDocument(server, rep, await makePptx(2), 'deck.pptx');
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
    const { id } = await convertingDocument(first, rep, { title: 'Interrupted', slides: 4 });
    await first.close();

    const again = await startServer({ env: { VIEWER_DIR: viewerDir }, dataDir: first.dataDir });
    try {
      expect(await untilConverted(again, rep, id)).toMatchObject({ status: 'ready', pageCount: 4 });
    } finally {
      await again.close();
    }
  });
});
