// A failed conversion says why as a stable code through the real API (real LibreOffice): a run
// stopped by DOCS_CONVERT_TIMEOUT_S is `conversion_timeout`, a file LibreOffice cannot load is
// `failed`; the list and the document both carry the code with its English sentence, and the rep
// can remove the failed document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import { documentListSchema, documentSchema } from '../../src/shared/document-schemas.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makePptx, makeZip } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { untilConverted, uploadDocument } from '../support/docs-upload.ts';

requireSoffice();

async function uploaded(server: TestServer, rep: TestUser, bytes: Uint8Array, name: string): Promise<string> {
  const response = await uploadDocument(server, rep, bytes, name);
  expect(response.status).toBe(202);
  return documentSchema.parse(await response.json()).id;
}

describe('a conversion that runs past its time', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    // LibreOffice takes over a second just to start: a fifth of one stops every run.
    server = await startServer({ env: { DOCS_CONVERT_TIMEOUT_S: '0.2' } });
    rep = await server.addUser('rep@slow.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('fails as conversion_timeout in the list and the document, and the rep removes it', { timeout: 30_000 }, async () => {
    const id = await uploaded(server, rep, await makePptx(2), 'deck.pptx');
    const failed = await untilConverted(server, rep, id, 20_000);
    expect(failed).toMatchObject({
      status: 'failed',
      failureCode: 'conversion_timeout',
      failure: CONVERSION_FAILURE_SENTENCES.conversion_timeout,
    });
    const list = documentListSchema.parse(await (await fetch(`${server.baseUrl}/api/v1/documents`, { headers: rep.headers })).json());
    expect(list.documents.find((document) => document.id === id)).toMatchObject({ failureCode: 'conversion_timeout' });

    const removed = await fetch(`${server.baseUrl}/api/v1/documents/${id}`, { method: 'DELETE', headers: rep.headers });
    expect(removed.status).toBe(204);
    expect((await fetch(`${server.baseUrl}/api/v1/documents/${id}`, { headers: rep.headers })).status).toBe(404);
  });
});

describe('a file LibreOffice cannot load', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    server = await startServer({ env: { DOCS_CONVERT_TIMEOUT_S: '120' } });
    rep = await server.addUser('rep@damaged.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('fails as failed, with the generic sentence', { timeout: 90_000 }, async () => {
    // A Word package whose document part is not XML: it passes the type check, not LibreOffice.
    const damaged = makeZip({ '[Content_Types].xml': '<Types', 'word/document.xml': 'not xml at all' });
    const failed = await untilConverted(server, rep, await uploaded(server, rep, damaged, 'damaged.docx'), 80_000);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'failed', failure: CONVERSION_FAILURE_SENTENCES.failed });
  });
});
