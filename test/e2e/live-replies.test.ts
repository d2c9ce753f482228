// Replies end to end: the rep's mailbox on a real Dovecot, watched by the real server; the built
// extension in Chromium, signed in. A reply from a CC'd person reaches the popup with who wrote
// and the first line, raises a desktop notification and counts on the badge; an out-of-office in
// French shows quietly with the day the person is back: no notification, no badge.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { frenchOutOfOffice, newMessageId, replyMessage } from '../support/mail-messages.ts';
import { connectMailbox, untilMailbox } from '../support/mailbox-loop.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { registerEmail } from '../integration/server/helpers.ts';

const PASSWORD = 'a long and unguessable passphrase';
const MAILBOX_PASSWORD = 'app-password';
const REP = 'rep@glint.example';
const OPTIONS = 'src/extension/options/index.html';
const POPUP = 'src/extension/popup/index.html';

let server: TestServer;
let rep: TestUser;
let dovecot: Dovecot;
let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  dovecot = await startDovecot();
  dovecot.addUser(REP, MAILBOX_PASSWORD);
  server = await startServer();
  rep = await server.addUser(REP, { password: PASSWORD });
  await connectMailbox(server, rep, dovecot, MAILBOX_PASSWORD);
  await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
  browser = await launchExtension({ extensionDir });
  options = await browser.openExtensionPage(OPTIONS);
  await options.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
  await options.getByLabel('Email', { exact: true }).fill(REP);
  await options.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await options.getByRole('button', { name: 'Sign in', exact: true }).click();
  await options.getByText(`Signed in as ${REP}`).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dovecot?.stop();
});

const notificationIds = (page: Page): Promise<string[]> =>
  page.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
const badge = (page: Page): Promise<string> => page.evaluate(() => chrome.action.getBadgeText({}));

describe('replies in the popup', () => {
  it('shows a CC reply with its sender and first line, notifies it; an out-of-office only quietly', async () => {
    const messageId = newMessageId('mail.gmail.com');
    const { response } = await registerEmail(server, rep, {
      subject: 'Pilot proposal',
      to: ['camille@acme.example'],
      cc: ['cfo@acme.example'],
      rfcMessageId: messageId,
    });
    expect(response.status).toBe(201);
    const popup = await browser.openExtensionPage(POPUP);

    await dovecot.append(REP, frenchOutOfOffice('camille@acme.example', REP, messageId, '15/01/2027'));
    const row = popup.locator('.email', { hasText: 'Pilot proposal' });
    await expect.poll(() => row.locator('.count').allInnerTexts(), { timeout: 15_000 }).toEqual(['1 automatic reply']);
    expect(await notificationIds(options)).toEqual([]);
    expect(await badge(options)).toBe('');

    const started = Date.now();
    await dovecot.append(
      REP,
      replyMessage({
        from: 'cfo@acme.example',
        fromName: 'Carl Finance',
        to: [REP],
        subject: 'Re: Pilot proposal',
        inReplyTo: messageId,
        body: 'Budget approved, send the contract.\n\n> Here is our proposal.',
      }),
    );
    await expect
      .poll(() => row.locator('.count').allInnerTexts(), { interval: 20, timeout: 15_000 })
      .toEqual(['1 reply', '1 automatic reply', '1 new']);
    console.log(`reply appended -> in the popup in ${Date.now() - started} ms`);
    await expect.poll(() => notificationIds(options), { timeout: 5000 }).toHaveLength(1);
    await expect.poll(() => badge(options)).toBe('1');

    await popup.getByRole('button', { name: /Pilot proposal/ }).click();
    const reply = popup.locator('.event[data-kind="reply"]');
    await reply.waitFor();
    expect(await reply.locator('.event__sender').innerText()).toBe("From Carl Finance <cfo@acme.example> · CC'd");
    expect(await reply.locator('.event__quote').innerText()).toBe('Budget approved, send the contract.');
    const away = popup.locator('.event[data-kind="auto_reply"]');
    expect(await away.innerText()).toContain('From Camille Martin <camille@acme.example>');
    expect(await away.innerText()).toContain('Back on Jan 15, 2027');
  });
});
