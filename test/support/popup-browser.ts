// Headless Chromium with the BUILT extension for popup tests and the feed benchmark:
// builds the extension into a temporary directory (so a concurrent `npm run build` cannot pull
// dist/ away mid-test), loads it, opens the popup page as a tab, and seeds the feed database
// from the extension's service worker with the background's own write helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { build, type Rollup } from 'vite';
import type { FeedEvent } from '../../src/shared/api-schemas.ts';
import type { SyncState } from '../../src/extension/data/feed-db.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function buildExtension(outDir: string): Promise<void> {
  // Build plugins may print progress with console.log; keep stdout for the caller (bench JSON).
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    console.log = log;
  }
}

/** The seeding script (test/support/popup-seed-entry.ts) as one classic script. */
export async function buildSeedScript(): Promise<string> {
  const result = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, 'test/support/popup-seed-entry.ts'), formats: ['iife'], name: 'glintSeedBundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('seed script did not build');
  return chunk.code;
}

export interface PopupBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  popupUrl: string;
  openPopup(): Promise<Page>;
  seed(events: readonly FeedEvent[]): Promise<number>;
  setSync(patch: Partial<SyncState>): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** A built extension; default: build one into a temporary directory. */
  extensionDir?: string;
  /** Chromium UI language (chrome.i18n picks the catalogue from it). */
  lang?: string;
}

export async function launchPopupBrowser(options: LaunchOptions = {}): Promise<PopupBrowser> {
  const temp = mkdtempSync(join(tmpdir(), 'glint-popup-'));
  const extensionDir = options.extensionDir ?? join(temp, 'dist');
  if (!options.extensionDir) await buildExtension(extensionDir);
  const seedScript = await buildSeedScript();
  const lang = options.lang ?? 'en';
  const context = await chromium.launchPersistentContext(join(temp, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: lang,
    viewport: { width: 380, height: 600 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--lang=${lang}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    env: { ...process.env, LANGUAGE: lang },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const popupUrl = `chrome-extension://${extensionId}/src/extension/popup/index.html`;
  await worker.evaluate(seedScript);
  // Runs one method of the seeding script inside the service worker.
  const call = async (method: 'upsert' | 'sync' | 'clear', arg: unknown): Promise<unknown> =>
    worker.evaluate(
      ([name, value]) => (globalThis as unknown as { glintSeed: Record<string, (v: unknown) => Promise<unknown>> }).glintSeed[name]?.(value),
      [method, arg] as const,
    );
  return {
    context,
    extensionId,
    worker,
    popupUrl,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(popupUrl);
      return page;
    },
    seed: async (events) => Number(await call('upsert', events)),
    setSync: async (patch) => void (await call('sync', patch)),
    clear: async () => void (await call('clear', null)),
    async close() {
      await context.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
