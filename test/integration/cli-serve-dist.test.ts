// `glint serve` tells the rep where the extension to load is: this package's dist/, whatever
// folder the server was started from, and to build first when there is nothing to load yet.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIST_DIR, loadExtensionHint } from '../../src/server/cli/extension-dist.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GLINT = join(ROOT, 'bin/glint.js');
const temp = mkdtempSync(join(tmpdir(), 'glint-serve-cwd-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Starts `glint serve` in `cwd`, returns its "Load the extension" line, then stops it. */
async function serveHintFrom(cwd: string): Promise<string> {
  const env = {
    ...process.env,
    DATA_DIR: join(cwd, 'data'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NETWORK_LISTS_REFRESH: 'off',
  };
  const serve = spawn('node', [GLINT, 'serve'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => serve.once('exit', () => done()));
  try {
    return await new Promise<string>((found, reject) => {
      let output = '';
      const look = (chunk: Buffer): void => {
        output += chunk.toString();
        const complete = output.split('\n').slice(0, -1); // the last piece may be half a line
        const line = complete.find((text) => text.startsWith('Load the extension:'));
        if (line) found(line);
      };
      serve.stdout.on('data', look);
      serve.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      serve.once('exit', (code) => reject(new Error(`glint serve exited (${code}) before naming the extension: ${output}`)));
    });
  } finally {
    serve.kill('SIGTERM');
    await exited;
  }
}

describe('glint serve and the extension build', () => {
  it('names this package dist/ when started from another folder', async () => {
    const elsewhere = join(temp, 'somewhere-else');
    mkdirSync(elsewhere);
    const line = await serveHintFrom(elsewhere);
    expect(EXTENSION_DIST_DIR).toBe(join(ROOT, 'dist'));
    expect(line).toContain(`-> ${join(ROOT, 'dist')}`);
    expect(line).not.toContain(elsewhere);
    // Built or not, the line is the one for the package's own dist/.
    expect(line).toBe(loadExtensionHint(join(ROOT, 'dist')));
  });

  it('says to run npm run build first when dist/ has no manifest.json, and where to load it once built', () => {
    const dist = join(temp, 'checkout', 'dist');
    mkdirSync(dist, { recursive: true });
    expect(loadExtensionHint(dist)).toBe(
      `Load the extension: ${dist} has no manifest.json yet: run npm run build first (in ${join(temp, 'checkout')}), then chrome://extensions -> Developer mode -> Load unpacked -> ${dist}`,
    );
    writeFileSync(join(dist, 'manifest.json'), '{}');
    expect(loadExtensionHint(dist)).toBe(`Load the extension: chrome://extensions -> Developer mode -> Load unpacked -> ${dist}`);
  });
});
