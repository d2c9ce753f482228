// LibreOffice for tests: found on the PATH (or SOFFICE_PATH). When it is missing, the tests that
// need it fail loudly with the command that installs it, locally and in CI alike: no test skips
// (the same rule as test/support/chromium.ts for Chromium).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sofficeConvert } from '../../src/server/docs/soffice.ts';

export const SOFFICE_INSTALL = 'apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-impress-nogui';

let found: string | null = null;

/** The soffice executable, or a loud error saying how to install it. */
export function requireSoffice(): string {
  if (found) return found;
  const candidate = process.env.SOFFICE_PATH ?? 'soffice';
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', candidate], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `LibreOffice (${candidate}) not found: install it with "${SOFFICE_INSTALL}" (or set SOFFICE_PATH). LibreOffice tests never skip.`,
    );
  }
  found = candidate;
  return found;
}

/** Writes `bytes` as `name` in a fresh directory and has LibreOffice convert it to `format`. */
export async function convertWithLibreOffice(bytes: Uint8Array, name: string, format: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glint-fixture-'));
  const input = join(dir, name);
  await writeFile(input, bytes);
  const out = join(dir, 'out');
  await mkdir(out);
  return sofficeConvert(input, out, format, { sofficePath: requireSoffice() });
}
