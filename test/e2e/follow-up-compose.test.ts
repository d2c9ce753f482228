// The Follow up control in a compose, end to end: the real extension in Chromium, signed in to a
// REAL server, its compose features running as a content script on a Gmail stand-in page at
// https://mail.google.com (InboxSDK never loads outside real Gmail, so a stand-in adapter draws
// the composes; the switches and the drop-down are the real DOM code). The rep picks a campaign in
// one compose and none in another, sends both: only the first email's To recipients are enrolled,
// one enrolment each, through the background outbox.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignDetail } from '../../src/shared/campaign-api.ts';
import { buildExtensionOnce, bundleScript, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json } from '../integration/server/helpers.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const PASSWORD = 'a long and unguessable passphrase';
const STANDIN_SCRIPT = 'glint-standin.js';

const compose = (to: string, subject: string): string => `
  <div class="standin-compose" data-subject="${subject}">
    <input class="to" value="${to}"><input class="subject" value="${subject}">
    <div class="body" contenteditable="true"><p>Hello, here is the proposal.</p></div>
    <div class="status"></div><button class="send">Send</button><pre class="sent"></pre>
  </div>`;

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let extensionDir: string;
let campaigns: Campaign[];

async function createCampaign(name: string): Promise<Campaign> {
  const response = await fetch(`${server.baseUrl}/api/v1/campaigns`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({ name, steps: [{ wait: { amount: 2, unit: 'business_days' }, body: 'Hi {{first_name|there}}, any news?' }] }),
  });
  expect(response.status).toBe(201);
  return json<Campaign>(response);
}

beforeAll(async () => {
  // A copy of the build with the stand-in script beside the extension's own files.
  extensionDir = join(mkdtempSync(join(tmpdir(), 'glint-standin-')), 'extension');
  cpSync(await buildExtensionOnce(), extensionDir, { recursive: true });
  writeFileSync(join(extensionDir, STANDIN_SCRIPT), await bundleScript('test/support/gmail-standin/standin-entry.ts', 'glintStandin'));
  server = await startServer();
  rep = await server.addUser('rep@seller.example', { password: PASSWORD });
  campaigns = [await createCampaign('Proposal follow-up'), await createCampaign('Demo <b>invite</b>')];
  browser = await launchExtension({ extensionDir });
  const options = await browser.openExtensionPage('src/extension/options/index.html');
  const signedIn = await options.evaluate((request) => chrome.runtime.sendMessage({ glint: 1, name: 'auth.signIn', request }), {
    serverUrl: server.baseUrl,
    email: 'rep@seller.example',
    password: PASSWORD,
  });
  expect(signedIn).toMatchObject({ ok: true });
  await options.close();
  await browser.context.route(`${GMAIL}**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Gmail</title><body>${compose('alan@acme.example, bea@acme.example', 'Pilot proposal')}${compose('carl@globex.example', 'No follow-up here')}</body>`,
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (extensionDir) rmSync(join(extensionDir, '..'), { recursive: true, force: true });
});

async function openGmail(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(GMAIL);
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  await worker.evaluate(async (file) => {
    const [tab] = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
    if (tab?.id === undefined) throw new Error('no Gmail tab');
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: [file] });
  }, STANDIN_SCRIPT);
  await page.locator('body[data-glint-standin="ready"]').waitFor();
  return page;
}

async function enrolmentsOf(campaignId: string): Promise<CampaignDetail['enrolments']> {
  return (await json<CampaignDetail>(await fetch(`${server.baseUrl}/api/v1/campaigns/${campaignId}`, { headers: rep.headers }))).enrolments;
}

describe('Follow up in the compose', () => {
  it("lists the rep's campaigns beside the tracking switches and enrols the To recipients after the send", async () => {
    const page = await openGmail();
    const first = page.locator('.standin-compose').nth(0);
    const second = page.locator('.standin-compose').nth(1);
    const choice = first.getByRole('combobox', { name: 'Follow up' });
    await expect.poll(() => choice.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await choice.locator('option').allTextContents()).toEqual(['No follow-up', 'Demo <b>invite</b>', 'Proposal follow-up']);
    // Beside the switches, in the same group.
    await first.getByRole('group').getByRole('checkbox', { name: 'Track opens' }).waitFor();
    expect(await first.getByRole('group').getByRole('combobox').count()).toBe(1);
    const proposal = campaigns[0];
    if (!proposal) throw new Error('no campaign');
    await choice.selectOption({ label: 'Proposal follow-up' });
    await expect.poll(() => second.getByRole('combobox', { name: 'Follow up' }).isEnabled()).toBe(true);
    expect(await second.getByRole('combobox', { name: 'Follow up' }).inputValue()).toBe('');

    await first.getByRole('button', { name: 'Send' }).click();
    await second.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => first.locator('.sent').textContent()).toContain('/t/o/');
    await expect.poll(() => second.locator('.sent').textContent()).toContain('/t/o/');

    await expect
      .poll(() => enrolmentsOf(proposal.id).then((list) => list.map((row) => row.recipient).sort()), { timeout: 15_000 })
      .toEqual(['alan@acme.example', 'bea@acme.example']);
    const enrolled = await enrolmentsOf(proposal.id);
    expect(new Set(enrolled.map((row) => row.emailToken)).size).toBe(1);
    expect(enrolled.every((row) => row.state === 'active' && row.nextStep === 0)).toBe(true);
    const email = await json<{ subject: string }>(
      await fetch(`${server.baseUrl}/api/v1/emails/${enrolled[0]?.emailToken ?? ''}`, { headers: rep.headers }),
    );
    expect(email.subject).toBe('Pilot proposal');
    expect(await enrolmentsOf(campaigns[1]?.id ?? '')).toEqual([]);
    await page.close();
  });
});
