// The tracked-document path end to end: from the CLI, upload a PowerPoint deck and make its
// tracked link; a recipient opens it in Chromium and reads three pages; the rep's feed shows one
// document view with those pages and their seconds. A renamed .exe is refused with a clear message.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../src/shared/api-schemas.ts';
import { requireChromium } from '../support/chromium.ts';
import { CHROME_UA, sentEmail } from '../support/docs-recipient.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makePptx, makeWindowsExe } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';
import { leave, prepareReader, readPages } from '../support/viewer-reader.ts';

const run = promisify(execFile);
let server: TestServer;
let rep: TestUser;
let browser: Browser;
let dir = '';

async function glint(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const base = ['bin/glint.js', ...args, '--token', rep.apiToken, '--server', server.baseUrl];
  return run(process.execPath, base, { cwd: resolve(import.meta.dirname, '../..') }).then(
    ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => ({ stdout: error.stdout, stderr: error.stderr, code: error.code }),
  );
}

beforeAll(async () => {
  // Both fail loudly (with the apt-get command) when missing: this test never skips.
  const executablePath = requireChromium();
  const sofficePath = requireSoffice();
  dir = await mkdtemp(join(tmpdir(), 'glint-done-when-'));
  server = await startServer({ env: { VIEWER_DIR: await buildViewer(), SOFFICE_PATH: sofficePath } });
  rep = await server.addUser('rep@seller.example', { team: 'seller', plan: 'team_starter' });
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('tracked PowerPoint attachment, end to end', () => {
  it('uploads a PPTX with the CLI, and the feed shows the pages a recipient read and for how long', async () => {
    const deck = join(dir, 'Pitch deck.pptx');
    await writeFile(deck, await makePptx(5));
    const uploaded = await glint('doc', 'upload', deck, '--json');
    expect(uploaded.stderr).toBe('');
    const doc = JSON.parse(uploaded.stdout) as { id: string; pageCount: number; title: string };
    expect(doc).toMatchObject({ pageCount: 5, title: 'Pitch deck' });

    // The email went out ten minutes ago: a hit in the first minute after sending is a link
    // scanner's (link-scanner-timing), not the recipient's.
    const email = { token: await sentEmail(server, rep, 600) };
    const linked = await glint('doc', 'link', '--doc', doc.id, '--email', email.token, '--json');
    const { url } = JSON.parse(linked.stdout) as { url: string };
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/d/dl_[A-Za-z0-9_-]{22}$`));

    // A person's Chrome: headless Chromium's own agent says "HeadlessChrome", a bot's (machine).
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, userAgent: CHROME_UA });
    const page = await context.newPage();
    await prepareReader(context, page);
    await page.goto(url);
    await page.locator('body[data-state="ready"]').waitFor();
    expect(await page.locator('#position').textContent()).toBe('Page 1 of 5');
    const truth = await readPages(page, [4_000, 6_000, 3_000]);
    await leave(page);

    // The visit's final beacon leaves the closed page with sendBeacon; a heartbeat may have shown
    // part of the visit before: wait until the one doc_pages view of this email matches the
    // reading. The browser stays open meanwhile, as a reader's does after leaving a page. Polled
    // over the API (a glint start can take seconds on a loaded machine), then read once with
    // `glint feed`, as the rep would.
    const readingIn = (feed: FeedResponse) =>
      feed.events
        .filter((event) => event.kind === 'doc_pages' && event.email.token === email.token)
        .map((event) => ({
          label: event.label,
          reason: event.reason,
          pages: (event.details?.pages ?? []) as Array<{ page: number; seconds: number }>,
        }));
    const matchesTruth = (views: ReturnType<typeof readingIn>): boolean =>
      views.length === 1 &&
      views[0]?.label === 'human' &&
      views[0].pages.map((entry) => entry.page).join() === '1,2,3' &&
      views[0].pages.every((entry) => Math.abs(entry.seconds - (truth[entry.page] ?? 0) / 1000) <= 1);
    const apiFeed = async (): Promise<FeedResponse> =>
      (await (
        await fetch(`${server.baseUrl}/api/v1/feed`, { headers: { authorization: `Bearer ${rep.apiToken}` } })
      ).json()) as FeedResponse;
    // On a timeout, toSatisfy prints the views last seen beside the truth in the message.
    await expect
      .poll(async () => readingIn(await apiFeed()), { timeout: 10_000, message: `pages read ${JSON.stringify(truth)} ms` })
      .toSatisfy(matchesTruth);
    await context.close();
    const cliFeed = JSON.parse((await glint('feed', '--json')).stdout) as FeedResponse;
    expect(readingIn(cliFeed)).toSatisfy(matchesTruth);
  });

  it('refuses a Windows program renamed .pdf, saying what it looks like', async () => {
    const fake = join(dir, 'invoice.pdf');
    await writeFile(fake, makeWindowsExe());
    const result = await glint('doc', 'upload', fake, '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'This file is not a PDF, Word or PowerPoint document (it looks like a Windows program). Upload a .pdf, .doc, .docx, .ppt or .pptx file.',
    );
  });
});
