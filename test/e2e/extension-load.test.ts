// The built extension loads in Chromium with no errors in its service
// worker. Watched from the worker's first line (its console is replayed on attach) through what
// a new rep does: the options page and the popup signed out, sign-in against the real server, a
// recipient's open arriving in the popup, and Chrome stopping and restarting the idle worker.
// The pages themselves must not log errors either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { openWatchedPage, watchServiceWorker, type WatchedPage, type WatchedWorker } from '../support/extension-errors.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { UA } from '../fixtures/hits/real-world.ts';

const PASSWORD = 'a long and unguessable passphrase';
const RECIPIENT_UA = UA.chromeWindows;

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let worker: WatchedWorker;
let pages: { options: string; popup: string };

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    options_ui: { page: string };
    action: { default_popup: string };
  };
  pages = { options: manifest.options_ui.page, popup: manifest.action.default_popup };
  server = await startServer();
  rep = await server.addUser('rep@glint.example', { password: PASSWORD });
  browser = await launchExtension({ extensionDir });
  worker = await watchServiceWorker(browser.context, browser.extensionId);
});

afterAll(async () => {
  await worker?.detach();
  await browser?.close();
  await server?.close();
});

async function recipientOpens(subject: string): Promise<void> {
  const token = mintEmailToken(rep.signingKey);
  const created = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({ token, subject, to: ['buyer@acme.example'], sentAt: new Date(Date.now() - 3_600_000).toISOString() }),
  });
  expect(created.status).toBe(201);
  const pixel = await fetch(pixelUrl(server.baseUrl, token), { headers: { 'user-agent': RECIPIENT_UA } });
  expect(pixel.status).toBe(200);
  await pixel.arrayBuffer();
}

describe('the built extension in Chromium', () => {
  let options: WatchedPage;

  it('starts its service worker, options page and popup without an error', async () => {
    options = await openWatchedPage(browser.context, browser.extensionUrl(pages.options));
    await options.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await options.page.getByRole('region', { name: 'Emails sent without tracking' }).waitFor();
    const popup = await openWatchedPage(browser.context, browser.extensionUrl(pages.popup));
    await popup.page.getByRole('heading', { name: 'Sign in to see your feed' }).waitFor();

    expect(await worker.errors()).toEqual([]);
    expect(options.errors).toEqual([]);
    expect(popup.errors).toEqual([]);
    await popup.page.close();
  });

  it('stays error-free through sign-in, a live open in the popup and a worker restart', async () => {
    await options.page.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
    await options.page.getByLabel('Email', { exact: true }).fill('rep@glint.example');
    await options.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await options.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await options.page.getByText('Signed in as rep@glint.example').waitFor();

    const popup = await openWatchedPage(browser.context, browser.extensionUrl(pages.popup));
    await popup.page.getByRole('heading', { name: 'No tracked activity yet' }).waitFor();
    await recipientOpens('Proposal for Acme');
    await popup.page.getByText('Proposal for Acme').waitFor();

    await browser.stopServiceWorker();
    // A message wakes it again, as a click on the toolbar button would; it resumes signed in.
    const status = await options.page.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    expect(status).toMatchObject({ value: { signedIn: true } });
    await recipientOpens('After the restart');
    await popup.page.getByText('After the restart').waitFor();

    expect(await worker.errors()).toEqual([]);
    expect(options.errors).toEqual([]);
    expect(popup.errors).toEqual([]);
  });

  it('would notice: errors thrown in the worker, also after a restart, and in a page are reported', async () => {
    const current = async (): Promise<Worker> => browser.context.serviceWorkers()[0] ?? browser.context.waitForEvent('serviceworker');
    await browser.stopServiceWorker();
    await options.page.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    await (
      await current()
    ).evaluate(() => {
      console.error('planted console error');
      setTimeout(() => {
        throw new Error('planted exception');
      });
      void Promise.reject(new Error('planted rejection'));
    });
    await expect
      .poll(() => worker.errors())
      .toEqual([
        'console.error: planted console error',
        expect.stringMatching(/^Uncaught Error: planted exception/),
        expect.stringMatching(/^Uncaught \(in promise\) Error: planted rejection/),
      ]);
    await options.page.evaluate(() => console.error('planted page error'));
    expect(options.errors).toEqual(['console.error: planted page error']);
  });
});
