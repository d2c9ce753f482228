// A page count that outlasts the idle timeout (HTTP_IDLE_TIMEOUT_S) must not cut the uploader's
// connection: the body is in, the server is working, the answer is on its way. Here the idle
// timeout is 3 s and a damaged 40 MB PDF takes longer than that to count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { makeBrokenXrefPdf } from '../support/damaged-pdfs.ts';
import { uploadDocument } from '../support/docs-upload.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

describe('a long page count', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    server = await startServer({ env: { HTTP_IDLE_TIMEOUT_S: '3', MAILBOX_TEST_TIMEOUT_S: '1' } });
    rep = await server.addUser('rep@patient.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('is answered on the connection that uploaded, past the idle timeout', { timeout: 120_000 }, async () => {
    const started = performance.now();
    const response = await uploadDocument(server, rep, await makeBrokenXrefPdf(400), 'slow-to-count.pdf');
    expect(response.status).toBe(201);
    expect(((await response.json()) as DocumentInfo).pageCount).toBe(400);
    console.log(JSON.stringify({ uploadAndCountMs: Math.round(performance.now() - started) }));
  });
});
