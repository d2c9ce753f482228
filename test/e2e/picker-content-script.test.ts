// The built content script on a page at https://mail.google.com (Playwright's router serves it;
// InboxSDK never finishes loading outside real Gmail, so compose features are tested against the
// fake adapter): it starts without errors, InboxSDK asks the service worker to inject its
// pageWorld.js (which must be at the extension root), and the self-view guard neutralises Glint
// pixels in the real DOM: a src set on an image already in the page never loads; a load the HTML
// parser started (served HTML, innerHTML) cannot be recalled, which is why the guard also asks for
// a self-view beacon at that moment (unit tests), so the proxy hit that follows counts as `self`.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const GLINT = 'https://glint.seller.example';
const ordinaryImage = 'https://images.customer.example/logo.png';
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let browser: ExtensionBrowser;
const imageRequests: string[] = [];

beforeAll(async () => {
  browser = await launchExtension({ extensionDir: await buildExtensionOnce() });
  const gif = (route: { fulfill(options: { contentType: string; body: Buffer }): Promise<void> }, request: Request): Promise<void> => {
    imageRequests.push(request.url());
    return route.fulfill({ contentType: 'image/gif', body: GIF });
  };
  await browser.context.route(`${GLINT}/**`, (route, request) => gif(route, request));
  await browser.context.route('https://images.customer.example/**', (route, request) => gif(route, request));
});

afterAll(async () => {
  await browser?.close();
});

async function gmailWith(body: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${GMAIL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head><title>Gmail</title></head><body>${body}</body></html>` }),
  );
  await page.goto(GMAIL);
  return { page, errors };
}

describe('the Gmail content script', () => {
  it("starts, and the service worker injects InboxSDK's page world", async () => {
    const { page, errors } = await gmailWith('<div role="main">Inbox</div>');
    await page.waitForFunction(() => (globalThis as { __InboxSDKInjected?: boolean }).__InboxSDKInjected === true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('neutralises every Glint pixel in the page; one whose src is set in the page never loads', async () => {
    const served = pixelUrl(GLINT, mintEmailToken());
    const inserted = pixelUrl(GLINT, mintEmailToken());
    const proxied = `https://ci3.googleusercontent.com/meips/ADKq_NZ=s0-d-e1-ft#${pixelUrl(GLINT, mintEmailToken())}`;
    const late = pixelUrl(GLINT, mintEmailToken());
    const { page } = await gmailWith(
      `<div class="message"><p>Hi</p><img id="served" src="${served}"><img id="logo" src="${ordinaryImage}"></div>`,
    );
    await page.evaluate(
      ([insertedSrc, proxiedSrc, lateSrc]) => {
        // Gmail renders a message body later, as HTML set on a new element.
        const body = document.createElement('div');
        body.innerHTML = `<p>Quoted</p><img id="inserted" src="${insertedSrc}"><img id="proxied" src="${proxiedSrc}">`;
        document.body.append(body);
        // An image put in the page first and pointed at its URL after (lazy rendering).
        const image = document.createElement('img');
        image.id = 'late';
        document.body.append(image);
        image.setAttribute('src', lateSrc);
      },
      [inserted, proxied, late] as const,
    );
    const late2 = pixelUrl(GLINT, mintEmailToken());
    // A second image after a turn of the event loop, and the logo, must both have finished.
    await page.evaluate((src) => {
      const image = document.createElement('img');
      image.id = 'late2';
      document.body.append(image);
      image.setAttribute('src', src);
      return new Promise<void>((resolve) => {
        const logo = document.getElementById('logo') as HTMLImageElement;
        if (logo.complete) resolve();
        else logo.addEventListener('load', () => resolve());
      });
    }, late2);
    const state = await page.evaluate(() =>
      ['served', 'inserted', 'proxied', 'late', 'late2'].map((id) => {
        const image = document.getElementById(id) as HTMLImageElement;
        return [id, image.getAttribute('src')?.slice(0, 15), image.getAttribute('data-glint-src')];
      }),
    );
    expect(state).toEqual([
      ['served', 'data:image/gif;', served],
      ['inserted', 'data:image/gif;', inserted],
      ['proxied', 'data:image/gif;', proxied],
      ['late', 'data:image/gif;', late],
      ['late2', 'data:image/gif;', late2],
    ]);
    await page.close();
    expect(imageRequests).toContain(ordinaryImage);
    expect(imageRequests).not.toContain(late);
    expect(imageRequests).not.toContain(late2);
  });
});
