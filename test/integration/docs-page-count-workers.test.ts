// Page counts come from worker threads (page-count-workers.ts): the count and the refusals cross
// the thread boundary intact, and what pdf-lib prints while it repairs a file ("Trying to parse
// invalid object") stays in the worker instead of polluting the server's or the CLI's output.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { countPdfPages, countUploadedPdf } from '../../src/server/docs/page-count-workers.ts';
import { makeLostPageTreePdf } from '../support/damaged-pdfs.ts';
import { makeAbsurdCountPdf, makePasswordPdf, makePdf, makeScriptOnlyPdf, pdfFromObjects } from '../support/make-documents.ts';

/** One page whose content stream is cut into garbage: pdf-lib repairs it, loudly. */
const makeInvalidObjectPdf = (): Uint8Array =>
  pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 5 >> stream\nq Q\n) ] >> garbage',
  ]);

async function fixture(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'glint-count-')), name);
  await writeFile(path, bytes);
  return path;
}

describe('counting pages in worker threads', () => {
  it('counts, and refuses with the same codes as on the calling thread', async () => {
    expect(await countPdfPages(await fixture('five.pdf', await makePdf({ pages: 5 })))).toBe(5);
    await expect(countPdfPages(await fixture('locked.pdf', makePasswordPdf()))).rejects.toMatchObject({
      name: 'RefusedDocumentError',
      code: 'password_protected_pdf',
      message: 'This PDF is password-protected: remove the password and upload it again',
    });
    await expect(countPdfPages(await fixture('script.pdf', makeScriptOnlyPdf()))).rejects.toMatchObject({ code: 'pdf_no_pages' });
    await expect(countPdfPages(await fixture('absurd.pdf', makeAbsurdCountPdf(213_000_000)))).rejects.toMatchObject({
      code: 'pdf_page_count_absurd',
    });
  });

  it('writes the repaired copy of a PDF whose page tree was lost, and only then', async () => {
    const damaged = await fixture('lost-tree.pdf', makeLostPageTreePdf());
    const repairedPath = `${damaged}.repaired`;
    expect(await countUploadedPdf(damaged, repairedPath)).toEqual({ pages: 3, repaired: true });
    expect((await readFile(repairedPath)).length).toBeGreaterThan(makeLostPageTreePdf().length);
    const fine = await fixture('fine.pdf', await makePdf({ pages: 2 }));
    expect(await countUploadedPdf(fine, `${fine}.repaired`)).toEqual({ pages: 2, repaired: false });
    await expect(readFile(`${fine}.repaired`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("keeps pdf-lib's repair messages out of the process's output", async () => {
    const path = await fixture('invalid-object.pdf', makeInvalidObjectPdf());
    const script = `import('./src/server/docs/page-count-workers.ts').then(async (m) => console.log('pages', await m.countPdfPages(${JSON.stringify(path)})))`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: process.cwd() });
    expect(stdout).toBe('pages 1\n');
    expect(stderr).not.toMatch(/invalid object/i);
  });
});
