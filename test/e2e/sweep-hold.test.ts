// Link sweeps caught before they notify, end to end: the BUILT extension in headless Chromium
// against the REAL server (with a short hold, so the test waits seconds, not the production
// window). A scanner clicking all three links of an email raises no notification at all; a
// person's click on another email shows at once in the popup, dimmed as "checking", and raises
// exactly one notification once its window has passed; a click held when the service worker is
// stopped is still told, once, by the worker that comes back.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { LINK_SWEEP_DECIDE_GRACE_MS } from '../../src/shared/tracking-config.ts';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { feedEvents, syncCursor } from '../support/extension-feed-db.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { UA } from '../fixtures/hits/real-world.ts';

const HOLD_MS = 2000;
const PASSWORD = 'a long and unguessable passphrase';
const OPTIONS = 'src/extension/options/index.html';
const POPUP = 'src/extension/popup/index.html';
const LINKS = ['https://seller.example/pricing', 'https://seller.example/case-study', 'https://seller.example/demo'];
/** Time for a hold to be decided: the hold, the grace, and a read after them (a busy machine's margin). */
const DECISION_TIMEOUT_MS = HOLD_MS + LINK_SWEEP_DECIDE_GRACE_MS + 10_000;

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let options: Page;

interface StoredEvent {
  id: string;
  label: string;
  decideAt?: string;
}

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  server = await startServer({ linkSweepHoldMs: HOLD_MS });
  rep = await server.addUser('rep@glint.example', { password: PASSWORD });
  browser = await launchExtension({ extensionDir });
  options = await browser.openExtensionPage(OPTIONS);
  await options.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
  await options.getByLabel('Email', { exact: true }).fill('rep@glint.example');
  await options.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await options.getByRole('button', { name: 'Sign in', exact: true }).click();
  await options.getByText('Signed in as rep@glint.example').waitFor();
  // The first sync after sign-in reads history; clicks from here on arrive live.
  await vi.waitFor(
    async () => {
      if ((await syncCursor(options)) === null) throw new Error('no first sync yet');
    },
    { timeout: 10_000, interval: 50 },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function notificationIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
}

/** Every notification the running service worker creates from now on, in order (ids). */
async function recordCreatedNotifications(): Promise<() => Promise<string[]>> {
  await browser.worker.evaluate(() => {
    const created: string[] = [];
    const original = chrome.notifications.create.bind(chrome.notifications) as (id: string, options: unknown) => Promise<string>;
    (globalThis as { glintCreated?: string[] }).glintCreated = created;
    (chrome.notifications as { create: unknown }).create = (id: string, options: unknown) => {
      created.push(id);
      return original(id, options);
    };
  });
  return () => browser.worker.evaluate(() => [...((globalThis as { glintCreated?: string[] }).glintCreated ?? [])]);
}

async function sendEmail(subject: string, linkCount: number): Promise<string> {
  const token = mintEmailToken(rep.signingKey);
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    // Sent an hour ago, so no at-send rule applies to the clicks.
    body: JSON.stringify({
      token,
      subject,
      to: ['buyer@acme.example'],
      sentAt: new Date(Date.now() - 3_600_000).toISOString(),
      gmailThreadId: '18f0aa00bb11cc22',
      links: LINKS.slice(0, linkCount).map((url, index) => ({ index, url })),
    }),
  });
  expect(response.status).toBe(201);
  return token;
}

/** A click from this machine (one network for every click), with a desktop browser's user agent. */
async function clickLink(token: string, index: number): Promise<void> {
  const response = await fetch(clickUrl(server.baseUrl, rep.signingKey, token, index, LINKS[index] ?? ''), {
    redirect: 'manual',
    headers: { 'user-agent': UA.chromeWindows },
  });
  expect(response.status).toBe(302);
}

describe('link sweeps held before they notify', () => {
  it('raises nothing for a three-link sweep and one notification for a person, after the window', async () => {
    const created = await recordCreatedNotifications();
    const popup = await browser.openExtensionPage(POPUP);
    const sweep = await sendEmail('Scanned by the gateway', 3);
    const person = await sendEmail('Read by the buyer', 3);

    // The gateway clicks every link within milliseconds; the first two come in as a person's.
    for (const index of [0, 1, 2]) await clickLink(sweep, index);
    await expect
      .poll(async () => (await feedEvents<StoredEvent>(options, sweep)).map((event) => event.label))
      .toEqual(['machine', 'machine', 'machine']);
    expect((await feedEvents<StoredEvent>(options, sweep)).filter((event) => event.decideAt !== undefined)).toEqual([]);

    // The buyer clicks one link: in the popup at once, dimmed and "checking"; not on the desktop.
    await clickLink(person, 1);
    await expect.poll(async () => (await feedEvents<StoredEvent>(options, person)).length).toBe(1);
    const [held] = await feedEvents<StoredEvent>(options, person);
    expect(held?.decideAt, 'the click is held').toBeDefined();
    const row = popup.locator('.email', { hasText: 'Read by the buyer' });
    await row.getByRole('button', { name: /Read by the buyer/ }).click();
    const event = popup.locator('.event[data-kind="click"]');
    await expect.poll(() => event.getAttribute('data-checking')).toBe('true');
    expect(await event.locator('.event__checking').innerText()).toBe('checking…');
    expect(await row.locator('.count').allInnerTexts()).toEqual(['1 click being checked']);
    expect(await notificationIds(options)).not.toContain(`glint-event:${held?.id}`);
    expect(await options.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

    // Once its window has passed: one notification, a plain event, a count and the badge.
    await expect.poll(() => notificationIds(options), { timeout: DECISION_TIMEOUT_MS }).toContain(`glint-event:${held?.id}`);
    await expect.poll(() => event.getAttribute('data-checking')).toBeNull();
    expect(await event.innerText()).not.toContain('checking');
    await expect.poll(() => row.locator('.count').allInnerTexts()).toEqual(['1 click', '1 new']);
    expect(await options.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    // The sweep's holds ended before the buyer's: nothing was ever shown for them.
    expect(await created()).toEqual([`glint-event:${held?.id}`]);
    expect(await popup.locator('.email', { hasText: 'Scanned by the gateway' }).count()).toBe(0);
    await popup.close();
  });

  it('tells a click held while the service worker was stopped once it is back', async () => {
    const token = await sendEmail('Read during a restart', 2);
    await clickLink(token, 0);
    await expect
      .poll(async () => (await feedEvents<StoredEvent>(options, token)).map((event) => event.decideAt !== undefined))
      .toEqual([true]);
    await browser.stopServiceWorker();
    // Any message wakes the worker, as the alarm would.
    await options.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    const [event] = await feedEvents<StoredEvent>(options, token);
    await expect.poll(() => notificationIds(options), { timeout: DECISION_TIMEOUT_MS }).toContain(`glint-event:${event?.id}`);
    await expect.poll(async () => (await feedEvents<StoredEvent>(options, token)).map((row) => row.decideAt)).toEqual([undefined]);
  });
});
