// What the upload path says about files nobody can show, and the site icon of recipient pages:
// real server, real HTTP, fixtures generated here (no sample file is copied into the project).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAbsurdCountPdf,
  makeHeaderlessPdf,
  makeOle2,
  makePasswordPdf,
  makePdf,
  makeScriptOnlyPdf,
  makeWord2,
  makeWordOle2,
} from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

let server: TestServer;
let rep: TestUser;

beforeAll(async () => {
  server = await startServer();
  rep = await server.addUser('rita@acme.example', { team: 'acme', plan: 'team_starter' });
});

afterAll(() => server.close());

async function upload(bytes: Uint8Array, name: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${server.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rep.apiToken}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Stored documents (the directory and its `.incoming` folder appear with the first upload; `pages`
 * holds the page images an accepted document gets in the background).
 */
const storedFiles = async (): Promise<string[]> =>
  (await readdir(join(server.dataDir, 'docs')).catch(() => [])).filter((name) => name !== '.incoming' && name !== 'pages');

describe('uploads nobody can show', () => {
  it('refuses each with a stable code and its sentence, keeps nothing and lists nothing', async () => {
    const before = await storedFiles();
    const whole = await makePdf({ pages: 3, imageBytesPerPage: 20_000 });
    const cases: [string, Uint8Array, string, string][] = [
      ['no pages', makeScriptOnlyPdf(), 'a.pdf', 'pdf_no_pages'],
      ['absurd page count', makeAbsurdCountPdf(213_804_087), 'b.pdf', 'pdf_page_count_absurd'],
      ['cut off', whole.slice(0, whole.length / 2), 'c.pdf', 'pdf_truncated'],
      ['PDF password', makePasswordPdf(), 'd.pdf', 'password_protected_pdf'],
      ['docx password', makeOle2(['EncryptionInfo', 'EncryptedPackage']), 'e.docx', 'password_protected_word'],
      ['doc password', makeWordOle2(0x0100), 'f.doc', 'password_protected_word'],
      ['ppt password', makeOle2(['PowerPoint Document', 'EncryptedSummary']), 'g.ppt', 'password_protected_powerpoint'],
      ['Word 2.0', makeWord2(), 'h.doc', 'old_word_format'],
      ['PowerPoint 95', makeOle2(['PowerPoint Document', 'Header']), 'i.ppt', 'old_powerpoint_format'],
    ];
    for (const [label, bytes, name, code] of cases) {
      const { status, body } = await upload(bytes, name);
      expect({ label, status, code: (body.error as { code: string }).code }).toEqual({ label, status: 422, code });
      expect((body.error as { message: string }).message, label).not.toMatch(/HTTP|not a PDF/);
    }
    expect((await upload(makeWordOle2(0x0100), 'f.doc')).body).toEqual({
      error: { code: 'password_protected_word', message: 'This Word file is password-protected: remove the password and upload it again' },
    });
    expect(await storedFiles()).toEqual(before);
    const list = await fetch(`${server.baseUrl}/api/v1/documents`, { headers: { authorization: `Bearer ${rep.apiToken}` } });
    expect(((await list.json()) as { documents: unknown[] }).documents).toEqual([]);
  });

  it('accepts a PDF whose header line is missing, with its real page count', async () => {
    const { status, body } = await upload(await makeHeaderlessPdf(), 'scan.pdf');
    expect({ status, pageCount: body.pageCount, status2: body.status }).toEqual({ status: 201, pageCount: 2, status2: 'ready' });
  });
});

describe('/favicon.ico', () => {
  it('serves an icon with caching headers instead of a 404', async () => {
    const response = await fetch(`${server.baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    expect(response.headers.get('cache-control')).toBe('public, max-age=604800');
    const icon = new Uint8Array(await response.arrayBuffer());
    // ICO header (reserved 0, type 1, one image) then the PNG it carries.
    expect([...icon.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...icon.subarray(22, 26)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
