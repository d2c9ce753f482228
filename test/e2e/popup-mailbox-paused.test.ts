// The popup tells the rep when reply tracking stops: the built extension in Chromium, a real
// Glint server whose own watcher signs in to a real Dovecot. The password changes at the
// provider, the watcher is refused and pauses; the background's check (asked for through
// mailbox.checkWatch instead of waiting for its alarm) raises one desktop notification and the
// popup shows the server's reason at the top, with the way to the settings, until a save.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

const OPTIONS = 'src/extension/options/index.html';
const POPUP = 'src/extension/popup/index.html';
const GLINT_PASSWORD = 'a long and unguessable passphrase';
const MAILBOX_USER = 'rep@acme.example';
const MAILBOX_PASSWORD = 'app-password-for-dovecot';
const REFUSED = `127.0.0.1 refused the username or password for ${MAILBOX_USER}.`;

let server: TestServer;
let rep: TestUser;
let dovecot: Dovecot;
let browser: ExtensionBrowser;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  dovecot = await startDovecot();
  dovecot.addUser(MAILBOX_USER, MAILBOX_PASSWORD);
  server = await startServer();
  rep = await server.addUser('rep@glint.example', { password: GLINT_PASSWORD });
  browser = await launchExtension({ extensionDir });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dovecot?.stop();
});

/** The watcher's status as the server says it. */
async function watcherStatus(): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/mailbox`, { headers: rep.headers });
  return ((await response.json()) as { watcher: { status: string } }).watcher.status;
}

/** Asks the background to check the mailbox now, as its alarm would. */
async function checkNow(page: Page): Promise<unknown> {
  return page.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'mailbox.checkWatch', request: {} }));
}

/** Ids of the desktop notifications the extension shows. */
async function notificationIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

describe('popup: reply tracking paused', () => {
  it('shows no banner while the mailbox is watched', async () => {
    const options = await browser.openExtensionPage(OPTIONS);
    await options.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
    await options.getByLabel('Email', { exact: true }).fill('rep@glint.example');
    await options.getByLabel('Password', { exact: true }).fill(GLINT_PASSWORD);
    await options.getByRole('button', { name: 'Sign in', exact: true }).click();
    await options.getByText('No mailbox connected yet.').waitFor();
    const put = await fetch(`${server.baseUrl}/api/v1/mailbox`, {
      method: 'PUT',
      headers: { ...rep.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        imap: { host: '127.0.0.1', port: dovecot.port, tls: 'none' },
        smtp: { host: '127.0.0.1', port: 1025, tls: 'none' },
        username: MAILBOX_USER,
        auth: { method: 'password', password: MAILBOX_PASSWORD },
      }),
    });
    expect(put.status).toBe(200);
    await expect.poll(watcherStatus, { timeout: 15_000 }).toBe('watching');
    await options.close();

    const popup = await browser.openExtensionPage(POPUP);
    expect(await checkNow(popup)).toEqual({ ok: true, value: { watch: { status: 'watching', pausedReason: null } } });
    await popup.locator('main.popup').waitFor();
    expect(await popup.getByTestId('mailbox-paused').count()).toBe(0);
    expect(await notificationIds(popup)).not.toContain('glint-mailbox-paused');
    await popup.close();
  });

  it('shows the reason at the top and notifies once after the provider refuses the password', async () => {
    dovecot.addUser(MAILBOX_USER, 'changed at the provider');
    await dovecot.restart();
    await expect.poll(watcherStatus, { timeout: 20_000 }).toBe('paused');

    const popup = await browser.openExtensionPage(POPUP);
    const banner = popup.getByTestId('mailbox-paused');
    expect(await banner.count()).toBe(0);
    const answer = (await checkNow(popup)) as { value: { watch: { status: string; pausedReason: string } } };
    expect(answer.value.watch).toMatchObject({ status: 'paused', pausedReason: expect.stringContaining(REFUSED) });
    await banner.waitFor();
    expect(await banner.locator('.banner__title').innerText()).toBe(`Reply tracking is paused: ${answer.value.watch.pausedReason}`);
    expect(await banner.getByRole('button', { name: 'Open mailbox settings' }).isVisible()).toBe(true);
    await expect.poll(() => notificationIds(popup)).toContain('glint-mailbox-paused');

    // Still paused at the next check: no second notification (the first one was taken away).
    await popup.evaluate(() => chrome.notifications.clear('glint-mailbox-paused'));
    await checkNow(popup);
    expect(await notificationIds(popup)).not.toContain('glint-mailbox-paused');
    expect(await banner.isVisible()).toBe(true);
    await popup.close();
  });

  it('drops the banner once the settings are saved again on the options page', async () => {
    dovecot.addUser(MAILBOX_USER, MAILBOX_PASSWORD);
    const options = await browser.openExtensionPage(OPTIONS);
    const section = options.getByRole('region', { name: 'Mailbox' });
    await section.getByText('A password is stored. Type a new one to replace it.').waitFor();
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Mailbox saved.').waitFor();
    await options.close();

    const popup = await browser.openExtensionPage(POPUP);
    await popup.locator('main.popup').waitFor();
    // The save's answer (waiting for the watcher) is what the background kept: no banner to read.
    const kept = await popup.evaluate(async () => (await chrome.storage.local.get('mailboxWatch'))['mailboxWatch'] as { status: string });
    expect(kept.status).toMatch(/^(waiting|watching)$/);
    expect(await popup.getByTestId('mailbox-paused').count()).toBe(0);
    await expect.poll(watcherStatus, { timeout: 15_000 }).toBe('watching');
    await popup.close();
  });
});
