// LibreOffice under DOCS_CONVERT_MAX_MB (real soffice): a .docx of two million empty paragraphs
// fails with a sentence for the rep instead of growing to gigabytes, while its memory stays under
// the cap; a normal document converts under the same cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makeDocx } from '../support/make-documents.ts';
import { makeParagraphBomb } from '../support/paragraph-bomb.ts';
import { sampleResidentMemory } from '../support/process-memory.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { untilConverted, uploadDocument } from '../support/docs-upload.ts';

requireSoffice();

const CAP_MB = 600;

describe('a conversion under the memory cap', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    server = await startServer({ env: { DOCS_CONVERT_MAX_MB: String(CAP_MB), DOCS_CONVERT_TIMEOUT_S: '120' } });
    rep = await server.addUser('rep@memory.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('fails the paragraph bomb with a sentence, its memory bounded by the cap', { timeout: 150_000 }, async () => {
    const bomb = makeParagraphBomb();
    expect(bomb.length).toBeLessThan(256 * 1024);
    const memory = sampleResidentMemory(server.dataDir);
    const response = await uploadDocument(server, rep, bomb, 'empty-paragraphs.docx');
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as DocumentInfo;
    const failed = await untilConverted(server, rep, id, 140_000);
    const peakMb = await memory.stop();
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'memory_limit', failure: CONVERSION_FAILURE_SENTENCES.memory_limit });
    expect(peakMb).toBeGreaterThan(100); // LibreOffice was seen running
    expect(peakMb).toBeLessThan(CAP_MB);
  });

  it('still converts a normal document', { timeout: 90_000 }, async () => {
    const response = await uploadDocument(server, rep, await makeDocx(3), 'letter.docx');
    const { id } = (await response.json()) as DocumentInfo;
    expect(await untilConverted(server, rep, id, 80_000)).toMatchObject({
      status: 'ready',
      pageCount: 3,
      failure: null,
      failureCode: null,
    });
  });
});
