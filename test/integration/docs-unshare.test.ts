// Un-sharing a document on the real server (SQLite, loopback HTTP): the links team-mates made
// while it was shared stop serving the viewer and the files at once (410, a page that says the
// document was withdrawn), the owner's own links keep working, and sharing again restores them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { makePdf } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { VIEWER_DIR: await buildViewer() } });
  alice = await server.addUser('alice@acme.example', { team: 'acme', plan: 'team_starter' });
  bob = await server.addUser('bob@acme.example', { team: 'acme' });
});

afterAll(() => server.close());

const auth = (user: TestUser): Record<string, string> => ({ authorization: `Bearer ${user.apiToken}` });

async function json<T>(response: Response, status: number): Promise<T> {
  const body: unknown = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status });
  return body as T;
}

async function setShared(documentId: string, shared: boolean): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/v1/documents/${documentId}`, {
    method: 'PATCH',
    headers: { ...auth(alice), 'content-type': 'application/json' },
    body: JSON.stringify({ shared }),
  });
  expect(await json<DocumentInfo>(response, 200)).toMatchObject({ shared });
}

async function createLink(user: TestUser, documentId: string): Promise<DocumentLinkInfo> {
  const response = await fetch(`${server.baseUrl}/api/v1/documents/${documentId}/links`, {
    method: 'POST',
    headers: { ...auth(user), 'content-type': 'application/json' },
    body: JSON.stringify({ allowDownload: true }),
  });
  return json<DocumentLinkInfo>(response, 201);
}

describe('un-sharing a document', () => {
  let doc: DocumentInfo;
  let bobsLink: DocumentLinkInfo;
  let alicesLink: DocumentLinkInfo;

  beforeAll(async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makePdf({ pages: 2 }))]), 'Pricing.pdf');
    doc = await json<DocumentInfo>(
      await fetch(`${server.baseUrl}/api/v1/documents`, { method: 'POST', headers: auth(alice), body: form }),
      201,
    );
    await setShared(doc.id, true);
    bobsLink = await createLink(bob, doc.id);
    alicesLink = await createLink(alice, doc.id);
  });

  it("serves a team-mate's link while the document is shared", async () => {
    expect((await fetch(bobsLink.url)).status).toBe(200);
    expect((await fetch(`${bobsLink.url}/original`)).status).toBe(200);
  });

  it("cuts the team-mate's links once the owner makes it private, and keeps the owner's", async () => {
    await setShared(doc.id, false);
    const page = await fetch(bobsLink.url, { headers: { 'accept-language': 'fr' } });
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Ce document a été retiré');
    for (const which of ['file', 'original']) {
      const file = await fetch(`${bobsLink.url}/${which}`);
      expect(file.status).toBe(410);
      expect(file.headers.get('content-type')).toContain('application/json');
      expect(await json<{ error: { code: string } }>(file, 410)).toMatchObject({ error: { code: 'link_withdrawn' } });
    }
    expect((await fetch(alicesLink.url)).status).toBe(200);
    expect((await fetch(`${alicesLink.url}/original`)).status).toBe(200);
    // Bob can no longer make a new one either.
    const again = await fetch(`${server.baseUrl}/api/v1/documents/${doc.id}/links`, {
      method: 'POST',
      headers: { ...auth(bob), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(again.status).toBe(404);
  });

  it('brings them back when the owner shares the document again', async () => {
    await setShared(doc.id, true);
    expect((await fetch(bobsLink.url)).status).toBe(200);
    expect((await fetch(`${bobsLink.url}/file`, { headers: { Range: 'bytes=0-3' } })).status).toBe(206);
  });
});
