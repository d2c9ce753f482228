// How conversions are run, observed with a stand-in soffice script: the timeout kills the whole
// process group (soffice is a shell script with children), and the semaphore bounds concurrency.
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_INFO } from '../../src/server/docs/document-types.ts';
import { PdfConverter } from '../../src/server/docs/convert-to-pdf.ts';
import { ConversionError, sofficeConvert } from '../../src/server/docs/soffice.ts';
import { makePdf } from '../support/make-documents.ts';

async function script(dir: string, body: string): Promise<string> {
  const path = join(dir, 'fake-soffice');
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

async function isGone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

describe('running soffice', () => {
  it('kills the whole process group on timeout and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glint-fake-lo-'));
    const fake = await script(dir, `sleep 30 & echo $! > ${dir}/child.pid\nwait`);
    const failure = await sofficeConvert(join(dir, 'in.docx'), dir, 'pdf', { sofficePath: fake, timeoutMs: 300 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConversionError);
    expect((failure as ConversionError).failure).toBe('timeout');
    expect((failure as Error).message).toMatch(/took longer than 0 s and was stopped/);
    const child = Number(await readFile(join(dir, 'child.pid'), 'utf8'));
    await expect.poll(() => isGone(child), { timeout: 2000 }).toBe(true);
  });

  it('runs soffice under the address-space limit, and calls a crash under it a memory failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glint-fake-lo-'));
    const fake = await script(dir, `ulimit -v > ${dir}/limit\nkill -SEGV $$`);
    const failure = await sofficeConvert(join(dir, 'in.docx'), dir, 'pdf', { sofficePath: fake, maxMemoryMb: 700 }).catch(
      (error: unknown) => error,
    );
    expect((await readFile(join(dir, 'limit'), 'utf8')).trim()).toBe(String(700 * 1024));
    expect(failure).toBeInstanceOf(ConversionError);
    expect((failure as ConversionError).failure).toBe('memory');
    expect((failure as Error).message).toBe('LibreOffice needed more than the 700 MB allowed for one conversion.');
  });

  it('reports a missing LibreOffice clearly, with or without a memory limit', async () => {
    await expect(
      sofficeConvert('/nonexistent.docx', tmpdir(), 'pdf', { sofficePath: '/nonexistent/soffice', maxMemoryMb: 512 }),
    ).rejects.toMatchObject({ failure: 'not_installed' });
    await expect(sofficeConvert('/nonexistent.docx', tmpdir(), 'pdf', { sofficePath: '/nonexistent/soffice' })).rejects.toThrow(
      /LibreOffice is not installed on the server/,
    );
  });

  it('runs at most `concurrency` conversions at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glint-fake-lo-'));
    const pdf = join(dir, 'fixture.pdf');
    await writeFile(pdf, await makePdf({ pages: 1 }));
    // Arguments end with: --outdir OUT INPUT. Each run logs when it starts and ends.
    const fake = await script(
      dir,
      `for last; do :; done\nwhile [ "$1" != "--outdir" ]; do shift; done\n` +
        `echo "start $(date +%s%N)" >> ${dir}/log\nsleep 0.3\ncp ${pdf} "$2/document.pdf"\necho "end $(date +%s%N)" >> ${dir}/log`,
    );
    const converter = new PdfConverter({ sofficePath: fake, concurrency: 2 });
    const inputs = [0, 1, 2, 3, 4].map((n) => join(dir, `in-${n}`));
    await Promise.all(inputs.map((input) => writeFile(input, 'x')));
    const results = await Promise.all(
      inputs.map((input, n) => converter.convert(input, DOCUMENT_TYPE_INFO.pptx, join(dir, `out-${n}.pdf`))),
    );
    expect(results.map((result) => result.pageCount)).toEqual([1, 1, 1, 1, 1]);
    const events = (await readFile(join(dir, 'log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    events.sort((a, b) => Number(BigInt(a[1] ?? 0) - BigInt(b[1] ?? 0)));
    let running = 0;
    let peak = 0;
    for (const [what] of events) peak = Math.max(peak, (running += what === 'start' ? 1 : -1));
    expect(peak).toBe(2);
  });
});
