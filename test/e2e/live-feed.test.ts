// The live feed end to end: the BUILT extension in headless Chromium against the REAL server.
// The rep signs in through the options page; a recipient's open (Node fetch, another machine
// as far as the server knows) reaches the extension's database, the popup and a desktop
// notification; the same pixel loaded inside the rep's browser carries the device header and
// is filed as `self`, never shown; a stopped service worker comes back signed in, on its cursor.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { clickUrl, pixelUrl } from '../../src/shared/tracking-urls.ts';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { openFeedCursor } from '../../src/server/http/feed-cursor.ts';
import { feedEvents, syncCursor } from '../support/extension-feed-db.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { UA } from '../fixtures/hits/real-world.ts';

const RECIPIENT_UA = UA.chromeWindows;
const PASSWORD = 'a long and unguessable passphrase';
const OPTIONS = 'src/extension/options/index.html';
const POPUP = 'src/extension/popup/index.html';
const SWEEP_HOLD_MS = 500;

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  // A short hold for clicks a link sweep may relabel (sweep-hold.test.ts has the full story), so
  // the last test sees a sweep slower than the hold.
  server = await startServer({ linkSweepHoldMs: SWEEP_HOLD_MS });
  rep = await server.addUser('rep@glint.example', { password: PASSWORD });
  browser = await launchExtension({ extensionDir });
  options = await browser.openExtensionPage(OPTIONS);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface StoredEvent {
  id: string;
  emailToken: string;
  label: string;
  kind: string;
  cursor: string;
}

/** Waits (without sleeping) until the email has `count` events in the extension's database. */
async function waitForEvents(page: Page, emailToken: string, count: number): Promise<StoredEvent[]> {
  // Polled from here: page.waitForFunction takes an async predicate's promise as its (truthy)
  // answer and would return at once.
  await expect
    .poll(async () => (await feedEvents<StoredEvent>(page, emailToken)).length, { interval: 50, timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return feedEvents<StoredEvent>(page, emailToken);
}

/** Ids of the desktop notifications currently shown, sorted. */
async function notificationIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
}

async function sendEmail(subject: string, links: string[] = []): Promise<string> {
  const token = mintEmailToken(rep.signingKey);
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    // Sent an hour ago, so no at-send rule (Gmail proxy, link scanners) applies to the hits.
    body: JSON.stringify({
      token,
      subject,
      to: ['buyer@acme.example'],
      sentAt: new Date(Date.now() - 3_600_000).toISOString(),
      gmailThreadId: '18f0aa00bb11cc22',
      links: links.map((url, index) => ({ index, url })),
    }),
  });
  expect(response.status).toBe(201);
  return token;
}

/** A click on the email's tracked link from this machine (one network for every click). */
async function clickLink(token: string, index: number, url: string): Promise<void> {
  const response = await fetch(clickUrl(server.baseUrl, rep.signingKey, token, index, url), {
    redirect: 'manual',
    headers: { 'user-agent': RECIPIENT_UA },
  });
  expect(response.status).toBe(302);
}

/** The recipient's mail client fetches the pixel: another machine, no device header. */
async function recipientOpens(token: string): Promise<void> {
  const response = await fetch(pixelUrl(server.baseUrl, token), { headers: { 'user-agent': RECIPIENT_UA } });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

/** Every hit the server recorded for an email, self included (the feed never shows self). */
async function serverLabels(token: string): Promise<{ label: string; reason: string; device_id: string | null }[]> {
  await server.context.store.flush();
  const db = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT label, reason, device_id FROM events WHERE email_token = ? ORDER BY seq').all(token) as {
      label: string;
      reason: string;
      device_id: string | null;
    }[];
  } finally {
    db.close();
  }
}

describe('live feed in Chromium', () => {
  it('signs in through the options page and registers this browser as a device', async () => {
    // The header rule an earlier version installed (no main_frame, so not on the rep's own
    // clicks): the same origin and device, and sign-in must still replace it.
    const before = await options.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    await options.evaluate(
      ({ origin, deviceId }) =>
        chrome.declarativeNetRequest.updateDynamicRules({
          addRules: [
            {
              id: 1,
              priority: 1,
              condition: { urlFilter: `|${origin}/`, excludedResourceTypes: [] },
              action: {
                type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType,
                requestHeaders: [
                  { header: 'X-Glint-Device', operation: 'set' as chrome.declarativeNetRequest.HeaderOperation, value: deviceId },
                ],
              },
            },
          ],
        }),
      { origin: server.baseUrl, deviceId: before.value.deviceId as string },
    );
    await options.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
    await options.getByLabel('Email', { exact: true }).fill('rep@glint.example');
    await options.getByLabel('Password', { exact: true }).fill('wrong password');
    await options.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => options.getByRole('alert').innerText()).toBe('Wrong email or password.');

    await options.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await options.getByRole('button', { name: 'Sign in', exact: true }).click();
    await options.getByText(`Signed in as rep@glint.example`).waitFor();

    const status = await options.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    const devices = (await (await fetch(`${server.baseUrl}/api/v1/devices`, { headers: rep.headers })).json()) as {
      devices: { deviceId: string; name: string }[];
    };
    expect(devices.devices).toEqual([expect.objectContaining({ deviceId: status.value.deviceId, name: 'Chrome on Linux' })]);
    await options.getByRole('list', { name: 'Your devices' }).getByText('Chrome on Linux').waitFor();
  });

  it("shows a recipient's open in the popup and as a desktop notification", async () => {
    const popup = await browser.openExtensionPage(POPUP);
    const token = await sendEmail('Proposal for Acme');
    const started = Date.now();
    await recipientOpens(token);

    await popup.getByText('Proposal for Acme').waitFor({ timeout: 5000 });
    const popupMs = Date.now() - started;
    const [event] = await waitForEvents(options, token, 1);
    expect(event).toMatchObject({ kind: 'open', label: 'human' });
    await expect.poll(() => notificationIds(options), { timeout: 5000 }).toContain(`glint-event:${event?.id}`);
    console.log(`open -> popup ${popupMs} ms, -> notification ${Date.now() - started} ms`);
    await expect.poll(() => options.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');

    // Open in Gmail lands in the rep's own account, not whichever Google account comes first.
    await browser.context.route('https://mail.google.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: 'Gmail' }),
    );
    const row = popup.locator('.email', { hasText: 'Proposal for Acme' });
    const [gmail] = await Promise.all([browser.context.waitForEvent('page'), row.getByRole('button', { name: 'Open in Gmail' }).click()]);
    await gmail.waitForURL(/^https:\/\/mail\.google\.com\//);
    expect(new URL(gmail.url()).searchParams.get('authuser')).toBe('rep@glint.example');
    expect(new URL(gmail.url()).hash).toBe('#inbox/18f0aa00bb11cc22');
    await gmail.close();
    await popup.close();
  });

  it("files the rep's own view from this browser as self and shows nothing", async () => {
    const token = await sendEmail('Own view check');
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/healthz`);
    // The pixel loads inside the rep's browser: the extension's rule adds X-Glint-Device.
    const loaded = await page.evaluate(
      async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return image.naturalWidth;
      },
      pixelUrl(server.baseUrl, token),
    );
    expect(loaded).toBe(1);
    await page.close();

    const before = await notificationIds(options);
    await recipientOpens(token); // a real open after it: once it arrives, the own view had its chance
    const events = await waitForEvents(options, token, 1);
    expect(events.map((event) => event.label)).toEqual(['human']);

    const status = await options.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    expect(await serverLabels(token)).toEqual([
      { label: 'self', reason: 'sender-device', device_id: status.value.deviceId },
      { label: 'human', reason: 'no-machine-signal', device_id: null },
    ]);
    await expect.poll(() => notificationIds(options)).toEqual([...before, `glint-event:${events[0]?.id}`].sort());
  });

  it('keeps the sign-in and the cursor when the service worker is stopped and restarted', async () => {
    const cursor = await syncCursor(options);
    expect(cursor).not.toBeNull();
    const token = await sendEmail('After a restart');

    await browser.stopServiceWorker();
    // Any message wakes the worker, as a click on the toolbar button or the alarm would.
    const status = await options.evaluate(() => chrome.runtime.sendMessage({ glint: 1, name: 'auth.status', request: {} }));
    expect(status.value).toMatchObject({ signedIn: true, user: { email: 'rep@glint.example' } });
    expect(await syncCursor(options)).toBe(cursor);
    const rules = await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
    expect(rules[0]?.action.requestHeaders?.[0]).toMatchObject({ header: 'X-Glint-Device', value: status.value.deviceId });
    expect(rules[0]?.condition.resourceTypes).toContain('main_frame');

    const notificationsBefore = await notificationIds(options);
    await recipientOpens(token);
    const [event] = await waitForEvents(options, token, 1);
    await expect.poll(() => notificationIds(options)).toEqual([...notificationsBefore, `glint-event:${event?.id}`].sort());
    // The restarted worker read on from its cursor: later than before, nothing fetched twice.
    const position = (sealed: string | null | undefined): number =>
      (sealed ? openFeedCursor(server.context.box, rep.user.id, sealed) : null) ?? Number.NaN;
    expect(position(event?.cursor)).toBeGreaterThan(position(cursor));
  });

  it('takes a notification back when later evidence shows the click was a link scanner', async () => {
    const links = ['https://seller.example/pricing', 'https://seller.example/case-study'];
    const token = await sendEmail('Sweep check', links);
    await clickLink(token, 0, links[0] ?? '');
    const [first] = await waitForEvents(options, token, 1);
    const notice = `glint-event:${first?.id}`;
    // Told once its (short) hold is over, the sweep not being complete by then.
    await expect.poll(() => notificationIds(options), { timeout: 10_000 }).toContain(notice);
    // The other link from the same network within the sweep window: every link clicked at once is
    // a scanner sweeping them, and the first click is relabelled machine with it.
    await clickLink(token, 1, links[1] ?? '');
    await expect
      .poll(async () => (await feedEvents<StoredEvent>(options, token)).map((event) => event.label))
      .toEqual(['machine', 'machine']);
    await expect.poll(() => notificationIds(options)).not.toContain(notice);
  });

  it('signs out: forgets the session and the feed, removes the header rule and the badge', async () => {
    await options.reload();
    await options.getByRole('button', { name: 'Sign out', exact: true }).click();
    await options.getByLabel('Password', { exact: true }).waitFor();
    expect(await options.getByLabel('Server URL', { exact: true }).inputValue()).toBe(server.baseUrl);
    expect(await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).toEqual([]);
    expect(await options.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    expect(await options.evaluate(async () => Object.keys(await chrome.storage.local.get('auth')))).toEqual([]);
    expect(await syncCursor(options)).toBeNull();
  });
});
