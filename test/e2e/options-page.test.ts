// The options page in the browser's language (English, French, Dutch) and its preferences,
// saved to chrome.storage.sync where the background and compose features read them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';

const OPTIONS = 'src/extension/options/index.html';
let extensionDir: string;

beforeAll(async () => {
  extensionDir = await buildExtensionOnce();
});

describe('options page languages', () => {
  it.each([
    ['fr', 'Paramètres de Glint', 'URL du serveur', 'Mot de passe', 'Se connecter'],
    ['nl', 'Glint-instellingen', 'Server-URL', 'Wachtwoord', 'Inloggen'],
  ])('speaks %s when the browser does', async (lang, title, serverLabel, passwordLabel, signIn) => {
    const browser = await launchExtension({ extensionDir, lang });
    try {
      const page = await browser.openExtensionPage(OPTIONS);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByLabel(serverLabel, { exact: true }).waitFor();
      await page.getByLabel(passwordLabel, { exact: true }).waitFor();
      await page.getByRole('button', { name: signIn, exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${lang}`));
    } finally {
      await browser.close();
    }
  });
});

describe('options page preferences (English)', () => {
  let browser: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchExtension({ extensionDir });
    page = await browser.openExtensionPage(OPTIONS);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const storedSettings = (): Promise<unknown> => page.evaluate(async () => (await chrome.storage.sync.get('settings'))['settings']);

  it('saves notification and tracking switches as they change', async () => {
    await page.getByRole('switch', { name: 'clicks a link' }).uncheck();
    await page.getByRole('switch', { name: 'Track opens' }).uncheck();
    await expect
      .poll(storedSettings)
      .toMatchObject({ notifications: { clicks: false, opens: true }, tracking: { opens: false, clicks: true } });
  });

  it('names a wrong domain and a wrong retention, then saves the cleaned list', async () => {
    await page.getByLabel('Never track recipients at these domains').fill('Acme.example\nnot a domain');
    await page.getByLabel('Keep activity for (days)').fill('0');
    await page.getByRole('region', { name: 'Privacy' }).getByRole('button', { name: 'Save' }).click();
    const alerts = page.getByRole('alert');
    await expect
      .poll(() => alerts.allInnerTexts())
      .toEqual(['"not a domain" is not a domain name.', 'Enter a whole number of days between 1 and 3650.']);

    await page.getByLabel('Never track recipients at these domains').fill('@Acme.example\nmail.partner.example');
    await page.getByLabel('Keep activity for (days)').fill('90');
    await page.getByRole('region', { name: 'Privacy' }).getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(storedSettings)
      .toMatchObject({ privacy: { excludedDomains: ['acme.example', 'mail.partner.example'], retentionDays: 90 } });
  });

  it('refuses clear-text http to a remote server before asking anything', async () => {
    await page.getByLabel('Server URL', { exact: true }).fill('http://glint.example.com');
    await page.getByLabel('Email', { exact: true }).fill('rep@glint.example');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The Server URL must start with https://', { exact: false }).waitFor();
  });

  it("asks for the missing password in words, not in the validator's", async () => {
    await page.getByLabel('Server URL', { exact: true }).fill('http://127.0.0.1:9');
    await page.getByLabel('Email', { exact: true }).fill('rep@glint.example');
    await page.getByLabel('Password', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Account' }).getByRole('alert').innerText())
      .toBe('Enter your email and password.');
  });

  it('shows a lost connection as a problem, and the account without repeating its address', async () => {
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    // Signed in (as the background stores it) to a server that is not there.
    await worker.evaluate(async () => {
      await chrome.storage.local.set({
        auth: {
          serverUrl: 'http://127.0.0.1:9',
          apiToken: 'tok',
          user: {
            id: 'us_AAAAAAAAAAAAAAAAAAAAAA',
            email: 'rep@glint.example',
            teamId: 'tm_AAAAAAAAAAAAAAAAAAAAAA',
            teamName: 'rep@glint.example',
            plan: 'free',
          },
          signingKey: { kid: 'sk_AAAAAAAAAAAAAAAAAAAAAA', secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
          signedInAt: new Date().toISOString(),
        },
      });
    });
    await page.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'feed.syncNow', request: {} }));
    await page.reload();
    const account = page.getByRole('region', { name: 'Account' });
    await expect.poll(() => account.getByTestId('signed-in-as').innerText()).toBe('Signed in as rep@glint.example on http://127.0.0.1:9');
    const line = account.getByRole('status');
    await expect.poll(() => line.innerText()).toBe('Cannot reach the server right now; Glint keeps retrying.');
    const [lineColour, errorColour] = await page.evaluate(() => {
      const probe = document.createElement('p');
      probe.className = 'error';
      document.body.append(probe);
      const colours = [getComputedStyle(document.querySelector('.sync') as Element).color, getComputedStyle(probe).color];
      probe.remove();
      return colours;
    });
    expect(lineColour).toBe(errorColour);
    await page.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.signOut', request: {} }));
    await page.reload();
  });

  it('lists emails sent without tracking (recorded by the service worker), newest first, then clears them', async () => {
    const section = page.getByRole('region', { name: 'Emails sent without tracking' });
    const empty = section.getByText('Nothing to report: no email had to go out without tracking.');
    await empty.waitFor();
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const hostile = '<img src=x onerror="document.title=\'pwned\'">Q2 pricing';
    await worker.evaluate(
      async (failures) => {
        await chrome.storage.local.set({ sendFailures: failures });
      },
      [
        {
          at: new Date(Date.now() - 3_600_000).toISOString(),
          reason: 'signed-out',
          detail: 'Not signed in to Glint',
          subject: 'Intro call',
        },
        {
          at: new Date(Date.now() - 60_000).toISOString(),
          reason: 'rejected',
          detail: 'email token already registered by another user',
          subject: hostile,
        },
      ],
    );

    const items = section.getByRole('listitem');
    await expect
      .poll(() => items.allInnerTexts())
      .toEqual([
        expect.stringMatching(/Q2 pricing[\s\S]*The Glint server refused to track this email\. It was sent without tracking/),
        expect.stringMatching(/Intro call[\s\S]*You were not signed in to Glint\.[\s\S]*It was sent without tracking/),
      ]);
    expect(await items.first().innerText()).toContain(hostile);
    expect(await section.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');

    await section.getByRole('button', { name: 'Clear', exact: true }).click();
    await empty.waitFor();
    expect(await items.count()).toBe(0);
    expect(await worker.evaluate(async () => (await chrome.storage.local.get('sendFailures'))['sendFailures'])).toBeUndefined();
  });
});
