// Headless Chromium (Debian package, never a downloaded browser) with the built Glint extension
// (persistent context, --headless=new, --load-extension). Reusable by every browser test:
//
//   const browser = await launchExtension({ lang: 'fr' }); // builds once per process, see below
//   const options = await browser.openExtensionPage('src/extension/options/index.html');
//   ...
//   await browser.close();
//
// Builds go to a temporary directory, never to dist/, so a concurrent `npm run build` (or
// another test process) cannot pull the extension away mid-test. The popup tests add the feed
// seeding of test/support/popup-seed.ts on top of this launcher.
//
// Chromium comes from Debian (apt-get install -y chromium), never downloaded. When it is
// missing the launch fails loudly, locally and in CI: no test skips silently.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { build, type InlineConfig, type Rollup } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The Chromium binary, or a loud error saying how to install it. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH). Browser tests never skip.`,
    );
  }
  return CHROMIUM_PATH;
}

const consoleLog = console.log;
let quietBuilds = 0;

/** A vite build whose plugins' console.log goes to stderr: benchmarks keep stdout for their JSON. */
export async function quietBuild(config: InlineConfig): Promise<Rollup.RollupOutput[]> {
  // Counted, not saved and restored per call: builds may overlap.
  if (quietBuilds++ === 0) console.log = (...args: unknown[]) => console.error(...args);
  try {
    const result = await build({ root: ROOT, logLevel: 'warn', ...config });
    return (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  } finally {
    if (--quietBuilds === 0) console.log = consoleLog;
  }
}

/** Builds the extension (vite.config.ts) into `outDir`: a private copy no concurrent build can pull away. */
export async function buildExtension(outDir: string): Promise<string> {
  await quietBuild({ configFile: join(ROOT, 'vite.config.ts'), build: { outDir, emptyOutDir: true } });
  return outDir;
}

let built: Promise<string> | null = null;

/**
 * The extension to test: GLINT_EXTENSION_DIR when set (an existing build, e.g. dist/),
 * otherwise a fresh build of the working tree into a temporary directory, made once per test
 * process (removed when it exits) and never stale.
 */
export function buildExtensionOnce(): Promise<string> {
  const given = process.env['GLINT_EXTENSION_DIR'];
  if (given) return Promise.resolve(resolve(given));
  if (!built) {
    const temp = mkdtempSync(join(tmpdir(), 'glint-ext-build-'));
    process.once('exit', () => rmSync(temp, { recursive: true, force: true }));
    built = buildExtension(join(temp, 'dist'));
  }
  return built;
}

/** A test module bundled as one classic script, to evaluate inside the extension (worker or page). */
export async function bundleScript(entry: string, globalName: string): Promise<string> {
  const outputs = await quietBuild({
    configFile: false,
    build: { write: false, minify: false, lib: { entry: resolve(ROOT, entry), formats: ['iife'], name: globalName } },
  });
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`${entry} did not bundle`);
  return chunk.code;
}

export interface LaunchExtensionOptions {
  /** A built extension; default: buildExtensionOnce(). */
  extensionDir?: string;
  /** Browser UI language: chrome.i18n picks the extension's catalogue from it. Default 'en'. */
  lang?: string;
  args?: readonly string[];
  /** Page size; default Playwright's 1280x720 (the popup tests use the popup's 380x600). */
  viewport?: { width: number; height: number };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The service worker as first started (use pages after stopServiceWorker()). */
  worker: Worker;
  extensionUrl(path: string): string;
  openExtensionPage(path: string): Promise<Page>;
  /** Stops the extension's service worker as Chrome does when idle; resolves once it is stopped. */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function launchExtension(options: LaunchExtensionOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = requireChromium();
  const extensionDir = options.extensionDir ?? (await buildExtensionOnce());
  const profile = mkdtempSync(join(tmpdir(), 'glint-chromium-'));
  const lang = options.lang ?? 'en';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    locale: lang,
    ...(options.viewport ? { viewport: options.viewport } : {}),
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
      ...(options.args ?? []),
    ],
    env: { ...process.env, LANGUAGE: lang },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string): string => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(extensionUrl(path));
    return page;
  }

  async function stopServiceWorker(): Promise<void> {
    const page = await openExtensionPage('manifest.json');
    const cdp = await context.newCDPSession(page);
    try {
      await stopWorkerVia(cdp, `chrome-extension://${extensionId}/`);
    } finally {
      await cdp.detach();
      await page.close();
    }
  }

  return {
    context,
    extensionId,
    worker,
    extensionUrl,
    openExtensionPage,
    stopServiceWorker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

/** CDP ServiceWorker.stopWorker on the extension's running version, awaiting its 'stopped' status. */
async function stopWorkerVia(cdp: CDPSession, scope: string): Promise<void> {
  const versions = new Map<string, WorkerVersion>();
  let notify: () => void = () => undefined;
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
    for (const version of event.versions) if (version.scriptURL.startsWith(scope)) versions.set(version.versionId, version);
    notify();
  });
  const until = (test: () => boolean): Promise<void> =>
    new Promise((done) => {
      notify = () => test() && done();
      notify();
    });
  await cdp.send('ServiceWorker.enable');
  await until(() => versions.size > 0);
  const running = [...versions.values()].find((version) => version.runningStatus === 'running');
  if (!running) return; // already stopped (idle): nothing to do
  await cdp.send('ServiceWorker.stopWorker', { versionId: running.versionId });
  await until(() => versions.get(running.versionId)?.runningStatus === 'stopped');
  await cdp.send('ServiceWorker.disable');
}
