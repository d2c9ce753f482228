// The options page's Webhooks section end to end: the built extension in Chromium, a real Glint
// server and a real local receiver. Signed in, the rep adds a webhook (the URL rule's refusal in
// the server's words first), sees its secret once, sends a signed test request, sees a real
// open's delivery in the log, and removes the webhook.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { openPixel, registerEmail } from '../integration/server/helpers.ts';

const OPTIONS = 'src/extension/options/index.html';
const PASSWORD = 'a long and unguessable passphrase';

let server: TestServer;
let rep: TestUser;
let receiver: WebhookReceiver;
let browser: ExtensionBrowser;
let page: Page;
let section: Locator;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  server = await startServer();
  rep = await server.addUser('rep@hooks.example', { password: PASSWORD });
  receiver = await startWebhookReceiver();
  browser = await launchExtension({ extensionDir });
  page = await browser.openExtensionPage(OPTIONS);
  section = page.getByRole('region', { name: 'Webhooks' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

describe('options page: Webhooks', () => {
  it('asks to sign in first while signed out', async () => {
    await section.getByText("Sign in to manage your team's webhooks.").waitFor();
  });

  it('adds a webhook, shows its secret once, tests it, logs a delivery and removes it', async () => {
    await page.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
    await page.getByLabel('Email', { exact: true }).fill('rep@hooks.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await section.getByText('No webhooks yet.').waitFor();

    await section.getByLabel('Receiver URL (https)').fill('http://hooks.example.com/glint');
    await section.getByRole('button', { name: 'Add webhook' }).click();
    await section.getByRole('alert').getByText('must use https', { exact: false }).waitFor();

    await section.getByLabel('Receiver URL (https)').fill(receiver.url);
    await section.getByLabel('Description (optional)').fill('CRM');
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await section.getByTestId('webhook-secret').locator('code').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    const row = section.getByTestId('webhook');
    await row.getByText(receiver.url).waitFor();
    await row.getByText('Active').waitFor();

    await row.getByRole('button', { name: 'Send a test' }).click();
    await row.getByText(/Test delivered: HTTP 200 in \d+ ms\./).waitFor();
    const tested = receiver.requests.at(-1);
    expect(verifySignature(tested?.headers['glint-signature'], tested?.body ?? '', secret)).toBe(true);

    const { token } = await registerEmail(server, rep);
    await openPixel(server, token);
    const [delivered] = await receiver.until((requests) => requests.some((request) => request.json.type === 'event.created'));
    expect(delivered).toBeDefined();
    const eventId = receiver.requests.find((request) => request.json.type === 'event.created')?.json.id ?? '';
    await expect
      .poll(
        async () => {
          await row.getByRole('button', { name: 'Recent deliveries' }).click();
          return row.getByRole('list', { name: 'Recent deliveries' }).innerText();
        },
        { timeout: 15_000 },
      )
      .toContain(`${eventId} Delivered · attempts: 1`);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Remove' }).click();
    await section.getByText('No webhooks yet.').waitFor();
  });
});
