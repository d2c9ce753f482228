// The popup tests' and bench:feed's browser: the one extension launcher (chromium.ts) at the
// popup's size, plus a seeding script evaluated in the extension's service worker that writes the
// feed database with the background's own helpers (test/support/popup-seed-entry.ts), so Dexie's
// cross-context notification reaches an open popup exactly as a real background write does.
import type { Page } from 'playwright-core';
import type { SyncState } from '../../src/extension/data/feed-db.ts';
import type { FeedEvent } from '../../src/shared/api-schemas.ts';
import { bundleScript, launchExtension, type ExtensionBrowser, type LaunchExtensionOptions } from './chromium.ts';

export const POPUP_PATH = 'src/extension/popup/index.html';
const POPUP_VIEWPORT = { width: 380, height: 600 };

export interface PopupBrowser extends ExtensionBrowser {
  popupUrl: string;
  openPopup(): Promise<Page>;
  /** Upserts events as the feed sync does; resolves with how many were new. */
  seed(events: readonly FeedEvent[]): Promise<number>;
  setSync(patch: Partial<SyncState>): Promise<void>;
  clear(): Promise<void>;
}

let seedScript: Promise<string> | null = null;

export async function launchPopupBrowser(options: LaunchExtensionOptions = {}): Promise<PopupBrowser> {
  seedScript ??= bundleScript('test/support/popup-seed-entry.ts', 'glintSeedBundle');
  const script = await seedScript;
  const browser = await launchExtension({ viewport: POPUP_VIEWPORT, ...options });
  await browser.worker.evaluate(script);
  // Runs one method of the seeding script inside the service worker.
  const call = async (method: 'upsert' | 'sync' | 'clear', arg: unknown): Promise<unknown> =>
    browser.worker.evaluate(
      ([name, value]) =>
        (globalThis as unknown as { glintSeed: Record<string, (v: unknown) => Promise<unknown>> }).glintSeed[name]?.(value),
      [method, arg] as const,
    );
  return {
    ...browser,
    popupUrl: browser.extensionUrl(POPUP_PATH),
    openPopup: () => browser.openExtensionPage(POPUP_PATH),
    seed: async (events) => Number(await call('upsert', events)),
    setSync: async (patch) => void (await call('sync', patch)),
    clear: async () => void (await call('clear', null)),
  };
}
