// Downloading from the viewer, against the real server in headless Chromium: the recipient's click
// on Download shows up in the rep's feed as exactly one doc_download (counted from the server's
// fetch of the original, not from a beacon), and the rep's own browser, which sends the device
// header (the extension's declarativeNetRequest rule, set here as an extra header), leaves no
// trace in the feed at all.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent, FeedResponse } from '../../src/shared/api-schemas.ts';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { mintId } from '../../src/shared/ids.ts';
import { requireChromium } from '../support/chromium.ts';
import { CHROME_UA, documentLink, sentEmail, storedEvents, uploadPdf } from '../support/docs-recipient.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

let server: TestServer;
let rep: TestUser;
let browser: Browser;
let pdf: DocumentInfo;

beforeAll(async () => {
  // Fails loudly (with the apt-get command) when Chromium is missing: browser tests never skip.
  const executablePath = requireChromium();
  server = await startServer({ env: { VIEWER_DIR: await buildViewer() } });
  rep = await server.addUser('rep@seller.example', { team: 'seller', plan: 'team_starter' });
  pdf = await uploadPdf(server, rep, 4, 'Price list.pdf');
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function feedOf(emailToken: string): Promise<FeedEvent[]> {
  const response = await fetch(`${server.baseUrl}/api/v1/feed?includeMachine=true`, { headers: rep.headers });
  return ((await response.json()) as FeedResponse).events.filter((event) => event.email.token === emailToken);
}

/** Opens the link, clicks Download and waits for the whole file; the server recorded the download before answering. */
async function openAndDownload(context: BrowserContext, url: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('body[data-state="ready"]').waitFor();
  const downloading = page.waitForEvent('download');
  await page.locator('#download').click();
  const download = await downloading;
  await download.path();
  await page.close();
  return download.suggestedFilename();
}

/** Stored [kind, label] of an email's events (self included), once the visit's doc_open beacon has arrived. */
async function storedOnceOpened(emailToken: string): Promise<string[][]> {
  await expect.poll(() => storedEvents(server, emailToken).some((event) => event.kind === 'doc_open')).toBe(true);
  return storedEvents(server, emailToken).map((event) => [event.kind, event.label]);
}

/** The visit's doc_open and its downloads, whichever reached the server first. */
const openAndDownloads = (stored: string[][]): string[][] => [
  ...stored.filter(([kind]) => kind === 'doc_open'),
  ...stored.filter(([kind]) => kind === 'doc_download'),
];

describe('downloading a tracked document', () => {
  it('shows the recipient’s download in the feed once, next to the visit', async () => {
    const email = await sentEmail(server, rep, 600);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    // A person's Chrome (headless Chromium says "HeadlessChrome", which is a bot's agent).
    const context = await browser.newContext({ acceptDownloads: true, userAgent: CHROME_UA });
    expect(await openAndDownload(context, link.url)).toBe('Price list.pdf');
    await context.close();
    expect((await storedOnceOpened(email)).filter(([kind]) => kind === 'doc_download')).toEqual([['doc_download', 'human']]);
    const events = await feedOf(email);
    const downloads = events.filter((event) => event.kind === 'doc_download');
    expect(downloads.map((event) => [event.label, event.details])).toEqual([['human', { documentId: pdf.id, documentName: 'Price list' }]]);
    expect(events.filter((event) => event.kind === 'doc_open').map((event) => event.label)).toEqual(['human']);
  });

  it('leaves nothing in the feed when the rep previews and downloads their own link', async () => {
    const deviceId = mintId('device');
    await fetch(`${server.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({ deviceId, name: 'Laptop' }),
    });
    const email = await sentEmail(server, rep, 600);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const context = await browser.newContext({
      acceptDownloads: true,
      userAgent: CHROME_UA,
      extraHTTPHeaders: { 'X-Glint-Device': deviceId },
    });
    await openAndDownload(context, link.url);
    await context.close();
    const stored = await storedOnceOpened(email);
    expect(openAndDownloads(stored)).toEqual([
      ['doc_open', 'self'],
      ['doc_download', 'self'],
    ]);
    expect(stored.every(([, label]) => label === 'self')).toBe(true);
    expect(await feedOf(email)).toEqual([]);
  });

  it('labels a sandbox detonating the link in headless Chromium machine: it runs the viewer and downloads', async () => {
    const email = await sentEmail(server, rep, 600);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const context = await browser.newContext({ acceptDownloads: true });
    await openAndDownload(context, link.url);
    await context.close();
    const stored = await storedOnceOpened(email);
    expect(openAndDownloads(stored)).toEqual([
      ['doc_open', 'machine'],
      ['doc_download', 'machine'],
    ]);
    expect(new Set(storedEvents(server, email).map((event) => event.reason))).toEqual(new Set(['bot-ua']));
  });
});
