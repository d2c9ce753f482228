// The options page's Mailbox section end to end: the built extension in Chromium, a real Glint
// server and a real Dovecot. Signed out it says to sign in; signed in, the rep tests settings
// (a wrong password in the server's words, then the right one), sees the server's refusal next
// to the field it names, saves, watches the real watcher's state follow without a reload
// (watching, a reply seen, paused when the provider refuses the password), saves a change
// without typing the password again, and disconnects.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { newMessageId, replyMessage } from '../support/mail-messages.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { registerEmail } from '../integration/server/helpers.ts';

const OPTIONS = 'src/extension/options/index.html';
const GLINT_PASSWORD = 'a long and unguessable passphrase';
const MAILBOX_USER = 'rep@acme.example';
const MAILBOX_PASSWORD = 'app-password-for-dovecot';

let server: TestServer;
let rep: TestUser;
let dovecot: Dovecot;
let browser: ExtensionBrowser;
let page: Page;
let section: Locator;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  dovecot = await startDovecot({ submission: true });
  dovecot.addUser(MAILBOX_USER, MAILBOX_PASSWORD);
  server = await startServer();
  rep = await server.addUser('rep@glint.example', { password: GLINT_PASSWORD });
  browser = await launchExtension({ extensionDir });
  page = await browser.openExtensionPage(OPTIONS);
  section = page.getByRole('region', { name: 'Mailbox' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dovecot?.stop();
});

async function fillOther(password: string): Promise<void> {
  await section.getByLabel('Provider').selectOption({ label: 'Other' });
  for (const [group, port] of [
    ['Incoming mail (IMAP)', String(dovecot.port)],
    ['Outgoing mail (SMTP)', String(dovecot.submissionPort)],
  ] as const) {
    const fields = section.getByRole('group', { name: group });
    await fields.getByLabel('Host').fill('127.0.0.1');
    await fields.getByLabel('Port').fill(port);
    await fields.getByLabel('Security').selectOption({ label: 'None (this computer only)' });
  }
  await section.getByLabel('Email address').fill(MAILBOX_USER);
  await section.getByLabel('App password').fill(password);
}

describe('options page: Mailbox', () => {
  it('asks to sign in first while signed out', async () => {
    await section.getByText('Sign in first to connect your mailbox.').waitFor();
    expect(await section.locator('form').count()).toBe(0);
  });

  it('tests the settings: a wrong password in the server’s words, then success', async () => {
    await page.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
    await page.getByLabel('Email', { exact: true }).fill('rep@glint.example');
    await page.getByLabel('Password', { exact: true }).fill(GLINT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await section.getByText('No mailbox connected yet.').waitFor();
    await section.getByText('Gmail needs an app password', { exact: false }).waitFor();

    await fillOther('not the password');
    await section.getByRole('button', { name: 'Test connection' }).click();
    const result = section.getByTestId('mailbox-test');
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toMatch(
        `Connection failed. IMAP: 127.0.0.1 refused the username or password for ${MAILBOX_USER}. For Gmail and Microsoft 365, use an app password`,
      );
    expect(await result.getAttribute('class')).toContain('test-result--failed');

    await section.getByLabel('App password').fill(MAILBOX_PASSWORD);
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toMatch(/^Connection works\. IMAP: signed in .* SMTP: signed in /);
    expect(await result.getAttribute('class')).toContain('test-result--ok');
  });

  it("shows the server's refusal next to the field it names", async () => {
    const imap = section.getByRole('group', { name: 'Incoming mail (IMAP)' });
    await imap.getByLabel('Host').fill('mail.acme.example');
    await section.getByRole('button', { name: 'Save' }).click();
    const error = section.getByRole('alert');
    await expect.poll(() => error.innerText()).toMatch(/^The server refused the request: body\.imap\.tls: tls 'none' is only allowed/);
    expect(await imap.getByLabel('Security').getAttribute('aria-invalid')).toBe('true');
    await imap.getByLabel('Host').fill('127.0.0.1');
  });

  it("saves, then follows the watcher's state without a reload", async () => {
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Mailbox saved.').waitFor();
    const state = section.getByTestId('mailbox-state');
    // Until a watcher has signed in the server says waiting; a watcher may be quicker than us.
    const lines = (): Promise<string[]> => state.locator('p').allInnerTexts();
    await expect.poll(lines).toEqual([expect.stringMatching(/^(Connecting…|Watching for replies)$/), 'No reply seen yet']);
    expect(await section.getByLabel('App password').inputValue()).toBe('');
    await section.getByText('A password is stored. Type a new one to replace it.').waitFor();
    expect(await section.getByLabel('Provider').inputValue()).toBe('other');

    // The server's own watcher signs in to Dovecot; a reply to a tracked email shows as the last one seen.
    await expect.poll(lines, { timeout: 15_000 }).toEqual(['Watching for replies', 'No reply seen yet']);
    const messageId = newMessageId('mail.acme.example');
    await registerEmail(server, rep, { subject: 'Proposal', to: ['buyer@client.example'], rfcMessageId: messageId });
    await dovecot.append(
      MAILBOX_USER,
      replyMessage({ from: 'buyer@client.example', to: [MAILBOX_USER], subject: 'Re: Proposal', inReplyTo: messageId, body: 'Yes.' }),
    );
    await expect.poll(lines, { timeout: 15_000 }).toEqual(['Watching for replies', 'Last reply seen: now']);

    // The password changes at the provider: the watcher is refused at its next sign-in and pauses, in words.
    dovecot.addUser(MAILBOX_USER, 'changed at the provider');
    await dovecot.restart();
    await expect
      .poll(lines, { timeout: 20_000 })
      .toEqual([
        `Paused: 127.0.0.1 refused the username or password for ${MAILBOX_USER}. For Gmail and Microsoft 365, use an app password, not your usual one. Watching is paused until the mailbox settings change.`,
        'Last reply seen: now',
      ]);
    dovecot.addUser(MAILBOX_USER, MAILBOX_PASSWORD);
  });

  it('saves a change without the password typed again: the stored one signs in again', async () => {
    expect(await section.getByLabel('App password').inputValue()).toBe('');
    await section.getByRole('group', { name: 'Outgoing mail (SMTP)' }).getByLabel('Port').fill('2525');
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Mailbox saved.').waitFor();
    // The save restarts the watcher with the kept password, which Dovecot takes again.
    const lines = (): Promise<string[]> => section.getByTestId('mailbox-state').locator('p').allInnerTexts();
    await expect.poll(lines, { timeout: 15_000 }).toEqual(['Watching for replies', 'Last reply seen: now']);
    const stored = (await (await fetch(`${server.baseUrl}/api/v1/mailbox`, { headers: rep.headers })).json()) as {
      smtp: { port: number };
    };
    expect(stored.smtp.port).toBe(2525);
  });

  it('tests the stored settings when no password is typed: IMAP signs in, SMTP port 2525 is not reached', async () => {
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => section.getByTestId('mailbox-test').innerText(), { timeout: 15_000 })
      .toMatch(/^Connection failed\. IMAP: signed in to 127\.0\.0\.1 .* SMTP: Could not reach 127\.0\.0\.1:2525: /);
    const stored = (await (await fetch(`${server.baseUrl}/api/v1/mailbox`, { headers: rep.headers })).json()) as {
      lastTest: { ok: boolean };
    };
    expect(stored.lastTest).toMatchObject({ ok: false, failure: 'unreachable' });
  });

  it('disconnects after asking', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await section.getByRole('button', { name: 'Disconnect' }).click();
    await section.getByText('Mailbox disconnected.').waitFor();
    await section.getByText('No mailbox connected yet.').waitFor();
    expect((await fetch(`${server.baseUrl}/api/v1/mailbox`, { headers: rep.headers })).status).toBe(404);
  });
});
