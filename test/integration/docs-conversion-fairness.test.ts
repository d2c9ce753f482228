// The conversion queue is fair (real soffice): while one user's loop of 200 paragraph-bomb uploads
// waits, another user's normal document converts in about its usual time, and memory stays bounded
// by the slots times the cap. The measured times are printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makeDocx } from '../support/make-documents.ts';
import { makeParagraphBomb } from '../support/paragraph-bomb.ts';
import { sampleResidentMemory } from '../support/process-memory.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { untilConverted, uploadDocument } from '../support/docs-upload.ts';

requireSoffice();

const CAP_MB = 600;
const SLOTS = 2;

async function conversionTime(server: TestServer, user: TestUser, bytes: Uint8Array): Promise<number> {
  const started = performance.now();
  const response = await uploadDocument(server, user, bytes, 'proposal.docx');
  const { id } = (await response.json()) as DocumentInfo;
  expect(await untilConverted(server, user, id, 120_000)).toMatchObject({ status: 'ready', pageCount: 4 });
  return performance.now() - started;
}

describe('one user cannot hold the conversion queue', () => {
  let server: TestServer;
  let attacker: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    server = await startServer({
      env: {
        DOCS_CONVERSIONS: String(SLOTS),
        DOCS_CONVERT_MAX_MB: String(CAP_MB),
        DOCS_CONVERSIONS_PER_USER: '1',
        DOCS_CONVERSIONS_PER_TEAM: '1',
      },
    });
    attacker = await server.addUser('loop@bombs.example', { plan: 'team_starter' });
    colleague = await server.addUser('colleague@bombs.example', { plan: 'team_starter' });
    stranger = await server.addUser('rep@elsewhere.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it("keeps another team's normal conversion near its usual time during a 200-bomb loop", { timeout: 300_000 }, async () => {
    const normal = await makeDocx(4);
    const usual = await conversionTime(server, stranger, normal);

    const memory = sampleResidentMemory(server.dataDir);
    const bomb = makeParagraphBomb();
    for (let n = 0; n < 200; n++) expect((await uploadDocument(server, attacker, bomb, `bomb-${n}.docx`)).status).toBe(202);
    // The attacker's team-mate waits behind the team's share, not the stranger.
    expect((await uploadDocument(server, colleague, normal, 'colleague.docx')).status).toBe(202);
    const during = await conversionTime(server, stranger, normal);
    const peakMb = await memory.stop();

    console.log(
      JSON.stringify({ usualMs: Math.round(usual), duringBombLoopMs: Math.round(during), peakConversionRssMb: Math.round(peakMb) }),
    );
    // Generous for a loaded machine (a bomb takes a core); an unfair queue makes it 100 bombs long.
    expect(during).toBeLessThan(usual * 3 + 15_000);
    expect(peakMb).toBeLessThan(SLOTS * CAP_MB);
  });
});
