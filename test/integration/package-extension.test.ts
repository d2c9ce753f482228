// `npm run package`: the zip a Chrome Web Store upload takes, built from this checkout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'glint-package-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const APP_ID = 'sdk_acme_release_0123';
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function packageExtension(out: string, appId: string | undefined): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.VITE_INBOXSDK_APP_ID;
  if (appId !== undefined) env.VITE_INBOXSDK_APP_ID = appId;
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/package-extension.ts'), '--out', out], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npm run package', () => {
  it('writes a store-ready zip: manifest at the root with the package version, the app id, no source maps', () => {
    const out = join(temp, 'release');
    const run = packageExtension(out, APP_ID);
    expect(run.status, run.output).toBe(0);
    const zipFile = join(out, `glint-extension-${version}.zip`);
    expect(run.output).toContain(`glint-extension-${version}.zip: version ${version}`);

    const entries = unzipSync(readFileSync(zipFile));
    const names = Object.keys(entries);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { version: string; manifest_version: number };
    expect(manifest).toMatchObject({ manifest_version: 3, version });
    expect(names).toContain('pageWorld.js');
    expect(names).toContain('_locales/nl/messages.json');
    expect(names.filter((name) => name.endsWith('.map'))).toEqual([]);
    expect(names.some((name) => name.startsWith('viewer/'))).toBe(false);

    const contentScript = new TextDecoder().decode(entries['src/extension/content/index.iife.js']);
    expect(contentScript).toContain(APP_ID);
    expect(contentScript).not.toContain('sdk_glint_dev');
  });

  it('refuses to build a release with the development app id or none, and says what to set', () => {
    for (const appId of [undefined, 'sdk_glint_dev']) {
      const out = join(temp, `refused-${appId ?? 'none'}`);
      const run = packageExtension(out, appId);
      expect(run.status).toBe(1);
      expect(run.output).toContain('A release build needs your InboxSDK app id: set VITE_INBOXSDK_APP_ID=sdk_...');
      expect(existsSync(join(out, `glint-extension-${version}.zip`))).toBe(false);
    }
  });

  it('refuses an app id that is not one', () => {
    const run = packageExtension(join(temp, 'odd'), 'my app');
    expect(run.status).toBe(1);
    expect(run.output).toContain('VITE_INBOXSDK_APP_ID must look like sdk_yourapp_0123456789, not "my app"');
  });
});
