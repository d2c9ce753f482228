// LibreOffice for tests: found on the PATH (or SOFFICE_PATH). In CI a missing soffice fails the
// run loudly; on a developer machine the LibreOffice tests are skipped with a visible warning.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sofficeConvert } from '../../src/server/docs/soffice.ts';

function findSoffice(): string | null {
  const candidate = process.env.SOFFICE_PATH ?? 'soffice';
  try {
    execFileSync('sh', ['-c', `command -v "${candidate}"`], { stdio: 'pipe' });
    return candidate;
  } catch {
    return null;
  }
}

export const sofficePath = findSoffice();

if (!sofficePath) {
  const message = 'LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-impress-nogui';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`SKIPPING LibreOffice tests: ${message}`);
}

/** Writes `bytes` as `name` in a fresh directory and has LibreOffice convert it to `format`. */
export async function convertWithLibreOffice(bytes: Uint8Array, name: string, format: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glint-fixture-'));
  const input = join(dir, name);
  await writeFile(input, bytes);
  const out = join(dir, 'out');
  await mkdir(out);
  return sofficeConvert(input, out, format, { sofficePath: sofficePath ?? 'soffice' });
}
