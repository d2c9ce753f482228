// bench:feed — the live feed popup of the BUILT extension in headless Chromium.
// 1. Render: ms from navigation start until the first email row is in the DOM (and painted),
//    median of --runs page loads, with 100 events (baseline), 10,000 events in 2,000 emails and
//    10,000 events in 10,000 emails; plus scroll-to-the-end time on the big lists.
// 2. Latency against the REAL server: the extension signed in, a recipient (Node, no device
//    header) fetches the pixel, ms until that email's row is in the open popup (p50/p95), and
//    with the popup closed, ms until the desktop notification exists.
//   npm run bench:feed [-- --runs 7 --samples 30 --closed-samples 10 --gap-ms 200]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';
import { buildExtension } from '../support/chromium.ts';
import { launchPopupBrowser, type PopupBrowser } from '../support/popup-seed.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { FIRST_ROW_PROBE, firstRowTiming, percentile, round1, rowAppearsAt, scrollToEndMs } from './support/popup-timing.ts';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    samples: { type: 'string', default: '30' },
    'closed-samples': { type: 'string', default: '10' },
    'gap-ms': { type: 'string', default: '200' },
  },
});
const RUNS = Number(options.runs);
const SAMPLES = Number(options.samples);
const CLOSED_SAMPLES = Number(options['closed-samples']);
const GAP_MS = Number(options['gap-ms']);
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const log = (message: string): void => void process.stderr.write(`bench:feed ${message}\n`);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface RenderResult {
  events: number;
  emails: number;
  seedMs: number;
  medianRowMs: number;
  medianPaintMs: number;
  minPaintMs: number;
  maxPaintMs: number;
  medianScrollToEndMs: number | null;
}

async function renderCase(browser: PopupBrowser, events: number, emails: number): Promise<RenderResult> {
  await browser.clear();
  await browser.setSync({ status: 'ok', lastSyncAt: new Date().toISOString() });
  const now = Date.now();
  const pool = Array.from({ length: emails }, (_, index) =>
    makeEmail({ subject: `Deal ${index}`, sentAt: new Date(now - 30 * 86_400_000).toISOString() }),
  );
  const list = Array.from({ length: events }, (_, index) =>
    makeFeedEvent({ email: pool[index % emails], at: new Date(now - (index % emails) * 60_000 - index).toISOString() }),
  );
  const seeding = performance.now();
  for (let start = 0; start < list.length; start += 2500) await browser.seed(list.slice(start, start + 2500));
  const seedMs = performance.now() - seeding;
  const rows: number[] = [];
  const paints: number[] = [];
  const scrolls: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await browser.context.newPage();
    await page.addInitScript(FIRST_ROW_PROBE);
    await page.goto(browser.popupUrl);
    const timing = await firstRowTiming(page);
    rows.push(timing.rowMs);
    paints.push(timing.paintMs);
    if (emails > 50) scrolls.push(await scrollToEndMs(page, `Deal ${emails - 1}`));
    await page.close();
  }
  return {
    events,
    emails,
    seedMs: Math.round(seedMs),
    medianRowMs: round1(percentile(rows, 50)),
    medianPaintMs: round1(percentile(paints, 50)),
    minPaintMs: round1(Math.min(...paints)),
    maxPaintMs: round1(Math.max(...paints)),
    medianScrollToEndMs: scrolls.length ? round1(percentile(scrolls, 50)) : null,
  };
}

async function registerEmail(server: TestServer, rep: TestUser, subject: string): Promise<string> {
  const token = mintEmailToken(rep.signingKey);
  const sentAt = new Date(Date.now() - 3_600_000).toISOString(); // an hour ago: past the at-send rules
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({ token, subject, to: ['buyer@acme.example'], sentAt, gmailThreadId: '18f0aa00bb11cc22' }),
  });
  if (response.status !== 201) throw new Error(`email registration answered ${response.status}: ${await response.text()}`);
  return token;
}

async function openPixel(server: TestServer, token: string): Promise<void> {
  const response = await fetch(pixelUrl(server.baseUrl, token), { headers: { 'user-agent': BROWSER_UA } });
  if (response.status !== 200) throw new Error(`pixel answered ${response.status}`);
  await response.arrayBuffer();
}

async function signIn(page: Page, server: TestServer, rep: TestUser): Promise<void> {
  const answer = await page.evaluate((request) => chrome.runtime.sendMessage({ glint: 1, name: 'auth.signIn', request }), {
    serverUrl: server.baseUrl,
    email: rep.user.email,
    password: rep.password,
  });
  if (!(answer as { ok?: boolean }).ok) throw new Error(`sign-in failed: ${JSON.stringify(answer)}`);
}

async function latencyCase(extensionDir: string): Promise<Record<string, unknown>> {
  const server = await startServer();
  const browser = await launchPopupBrowser({ extensionDir });
  try {
    const rep = await server.addUser('rep@bench.example');
    const popup = await browser.openPopup();
    await signIn(popup, server, rep);
    await popup.getByRole('heading', { name: 'No tracked activity yet' }).waitFor({ timeout: 30_000 });
    const open: number[] = [];
    for (let sample = -2; sample < SAMPLES; sample += 1) {
      const token = await registerEmail(server, rep, `Latency ${sample}`);
      await pause(GAP_MS);
      const appeared = rowAppearsAt(popup, token);
      const started = Date.now();
      await openPixel(server, token);
      const latency = (await appeared) - started;
      if (sample >= 0) open.push(latency); // the first two warm the path up
    }
    await popup.close();
    const closed: number[] = [];
    let notificationError: string | null = null;
    for (let sample = 0; sample < CLOSED_SAMPLES && notificationError === null; sample += 1) {
      const token = await registerEmail(server, rep, `Closed ${sample}`);
      await pause(GAP_MS);
      const before = await browser.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length);
      const started = Date.now();
      await openPixel(server, token);
      const shownAt = await browser.worker
        .evaluate(
          async ({ count, limit }) => {
            const deadline = Date.now() + limit;
            while (Date.now() < deadline) {
              if (Object.keys(await chrome.notifications.getAll()).length > count) return Date.now();
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
            return null;
          },
          { count: before, limit: 15_000 },
        )
        .catch((error: unknown) => {
          notificationError = String(error);
          return null;
        });
      if (shownAt === null) notificationError ??= 'no notification within 15 s';
      else closed.push(shownAt - started);
    }
    const summary = (values: number[]): Record<string, number> => ({
      p50Ms: round1(percentile(values, 50)),
      p95Ms: round1(percentile(values, 95)),
      minMs: round1(Math.min(...values)),
      maxMs: round1(Math.max(...values)),
    });
    return {
      popupOpen: { samples: open.length, ...summary(open), targetP95Ms: 1000 },
      popupClosedToNotification: closed.length
        ? { samples: closed.length, ...summary(closed), targetP95Ms: 5000, error: notificationError }
        : { samples: 0, error: notificationError },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const temp = mkdtempSync(join(tmpdir(), 'glint-bench-feed-'));
const extensionDir = join(temp, 'dist');
try {
  log('building the extension');
  await buildExtension(extensionDir);
  const browser = await launchPopupBrowser({ extensionDir });
  const render: RenderResult[] = [];
  try {
    for (const [events, emails] of [
      [100, 20],
      [10_000, 2_000],
      [10_000, 10_000],
    ] as const) {
      log(`render: ${events} events in ${emails} emails`);
      render.push(await renderCase(browser, events, emails));
    }
  } finally {
    await browser.close();
  }
  log('latency: pixel fetched -> row in the open popup');
  const latency = await latencyCase(extensionDir);
  const [baseline, big] = render;
  console.log(
    JSON.stringify(
      {
        bench: 'feed',
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        render: {
          runs: RUNS,
          metric: 'ms from navigation start to the first email row in the DOM (row) and painted (paint), popup page 380x600',
          cases: render,
          paintRatio10kTo100: baseline && big ? round1(big.medianPaintMs / baseline.medianPaintMs) : null,
        },
        latency: { gapMsBetweenSamples: GAP_MS, ...latency },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}
