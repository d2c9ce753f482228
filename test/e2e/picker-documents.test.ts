// The document picker in headless Chromium, as the built extension runs it inside Gmail: a page
// at https://mail.google.com (served by Playwright's router) frames the picker the way the
// Content button does, the extension is signed in to a REAL server, and the rep uploads a PDF
// (a progress bar counts the bytes), sees its page count, clicks "Add to email", and the link
// handed to the compose opens the recipient viewer. A failed conversion says why and can be
// removed. A rep without the team plan is told why.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { mintId } from '../../src/shared/ids.ts';
import { PICKER_PAGE, pickerUrl, type PickerMessage } from '../../src/extension/data/picker-protocol.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { makePdf, makePptx } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const PASSWORD = 'correct horse battery staple';

let server: TestServer;
let browser: ExtensionBrowser;
/** The team-plan rep the first test signs in; the next ones stay signed in as them. */
let rep: TestUser;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  // The server serves the recipient viewer from its own build of it (VIEWER_DIR).
  server = await startServer({ env: { VIEWER_DIR: await buildViewer() } });
  browser = await launchExtension({ extensionDir });
  // "Gmail": a page at Gmail's origin that frames the picker for one compose and keeps what the
  // picker posts to it (the content script's side of picker-protocol.ts).
  await browser.context.route(`${GMAIL}**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Gmail</title><body><script>
        window.pickerMessages = [];
        window.addEventListener('message', (event) => {
          if (event.origin === ${JSON.stringify(`chrome-extension://${browser.extensionId}`)}) window.pickerMessages.push(event.data);
        });
        const frame = document.createElement('iframe');
        frame.id = 'picker';
        frame.style.cssText = 'width:720px;height:560px';
        frame.src = decodeURIComponent(location.hash.slice(1));
        document.body.append(frame);
      </script></body>`,
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(user: TestUser): Promise<void> {
  const options = await browser.openExtensionPage('src/extension/options/index.html');
  const result = await options.evaluate((request) => chrome.runtime.sendMessage({ glint: 1, name: 'auth.signIn', request }), {
    serverUrl: server.baseUrl,
    email: user.user.email,
    password: PASSWORD,
  });
  expect(result).toMatchObject({ ok: true, value: { signedIn: true } });
  await options.close();
}

interface OpenPicker {
  page: Page;
  picker: FrameLocator;
  frame: Frame;
  emailToken: string;
  messages(): Promise<PickerMessage[]>;
}

/** The picker of a compose whose token the signed-in `user` minted (the content script does). */
async function openPicker(user: TestUser): Promise<OpenPicker> {
  const emailToken = mintEmailToken(user.signingKey);
  const page = await browser.context.newPage();
  await page.goto(`${GMAIL}#${encodeURIComponent(pickerUrl(browser.extensionUrl(PICKER_PAGE), emailToken))}`);
  const picker = page.frameLocator('#picker');
  await picker.getByRole('button', { name: 'Done' }).waitFor();
  const frame = page.frames().find((candidate) => candidate.url().startsWith(browser.extensionUrl(PICKER_PAGE)));
  if (!frame) throw new Error('the picker frame is not there');
  const messages = (): Promise<PickerMessage[]> =>
    page.evaluate(() => (window as unknown as { pickerMessages: PickerMessage[] }).pickerMessages);
  return { page, picker, frame, emailToken, messages };
}

/** Records every text the upload's status line shows, from inside the picker frame. */
async function recordUploadStatus(frame: Frame): Promise<() => Promise<string[]>> {
  await frame.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { uploadStatus: string[] }).uploadStatus = seen;
    new MutationObserver(() => {
      for (const line of document.querySelectorAll('.picker-upload [role="status"], .picker-upload [role="alert"]')) {
        const text = line.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => frame.evaluate(() => (window as unknown as { uploadStatus: string[] }).uploadStatus);
}

describe('document picker against the real server', () => {
  it('uploads with a progress bar, shows the page count, and adds a tracked link that opens the viewer', async () => {
    rep = await server.addUser('rep@seller.example', { password: PASSWORD, plan: 'team_starter' });
    await signIn(rep);
    const { page, picker, frame, emailToken, messages } = await openPicker(rep);
    await picker.getByText('No documents yet').waitFor();

    // About 2 MB, sent at 1 MB/s (Chromium's own throttling of the frame), so progress shows.
    const pdf = await makePdf({ pages: 3, imageBytesPerPage: 700_000 });
    const cdp = await browser.context.newCDPSession(frame);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    const uploadStatus = await recordUploadStatus(frame);
    await picker
      .locator('input[type="file"]')
      .setInputFiles({ name: 'Pricing 2027.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });

    const row = picker.getByRole('listitem').filter({ hasText: 'Pricing 2027' });
    await row.getByText('3 pages').waitFor({ timeout: 30_000 });
    await cdp.detach();
    const percents = (await uploadStatus()).flatMap((text) => /Uploading Pricing 2027\.pdf: (\d+)%/.exec(text)?.[1] ?? []).map(Number);
    expect(percents.some((percent) => percent > 0 && percent < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    await expect.poll(() => picker.locator('.picker-upload').count()).toBe(0);

    await row.getByRole('button', { name: 'Add to email' }).click();
    await row.getByRole('button', { name: 'Added' }).waitFor();
    await expect.poll(messages).toHaveLength(1);
    const [inserted] = await messages();
    expect(inserted).toMatchObject({ glintPicker: 1, type: 'insert', title: 'Pricing 2027' });
    if (inserted?.type !== 'insert') throw new Error('no link');
    expect(inserted.url.startsWith(server.baseUrl)).toBe(true);

    // The link is this email's: the server knows it under the compose's token.
    const listed = (await (await fetch(`${server.baseUrl}/api/v1/documents`, { headers: rep.headers })).json()) as {
      documents: { id: string }[];
    };
    const documentId = listed.documents[0]?.id ?? '';
    const link = (await (
      await fetch(`${server.baseUrl}/api/v1/documents/${documentId}/links`, {
        method: 'POST',
        headers: rep.headers,
        body: JSON.stringify({ emailToken }),
      })
    ).json()) as { url: string };
    expect(link.url).toBe(inserted.url);

    // Done closes the picker (the compose receives "close").
    await picker.getByRole('button', { name: 'Done' }).click();
    await expect.poll(async () => (await messages()).at(-1)).toEqual({ glintPicker: 1, type: 'close' });

    // The recipient opens the link: the viewer shows the document's first page.
    const recipient = await browser.context.newPage();
    await recipient.goto(inserted.url);
    await recipient.locator('.page[data-page="1"]').waitFor({ timeout: 30_000 });
    expect(await recipient.title()).toContain('Pricing 2027');
    await recipient.close();
    await page.close();
  });

  it('shows a PowerPoint file converting, lets the rep add it at once, then shows its pages', async () => {
    const { page, picker, messages } = await openPicker(rep);
    await picker.getByRole('listitem').filter({ hasText: 'Pricing 2027' }).waitFor();
    await picker.locator('input[type="file"]').setInputFiles({
      name: 'Roadmap.pptx',
      mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      buffer: await makePptx(2),
    });
    const row = picker.getByRole('listitem').filter({ hasText: 'Roadmap' });
    // Answered as soon as the bytes are stored: LibreOffice converts it afterwards.
    await row.getByText('Converting to PDF…').waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Add to email' }).click();
    await row.getByRole('button', { name: 'Added' }).waitFor();
    await expect.poll(async () => (await messages()).at(-1)).toMatchObject({ type: 'insert', title: 'Roadmap' });
    // The list reads the document again until the conversion is done.
    await row.getByText('2 pages').waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('shows a failed conversion with its worded reason and a Remove button, never an HTTP status, and removes it', async () => {
    // Failed conversions as LibreOffice leaves them (made in the store, so no test races it): the
    // rep's own, and a team-mate's shared one, which is nothing this rep can use or remove.
    const mate = await server.addUser('mate@seller.example', { password: PASSWORD, team: rep.user.teamId, plan: 'team_starter' });
    const failedOf = async (owner: TestUser, title: string, shared: boolean): Promise<string> => {
      const { files } = server.context.docs;
      const now = new Date();
      const id = mintId('document');
      await server.context.store.createDocument({
        id,
        ownerId: owner.user.id,
        teamId: owner.user.teamId,
        shared,
        title,
        originalName: `${title}.docx`,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        docType: 'docx',
        size: 1,
        sha256: '0',
        originalFile: (await files.reservePath()).name,
        pdfFile: (await files.reservePath()).name,
        pageCount: 0,
        status: 'failed',
        failure: CONVERSION_FAILURE_SENTENCES.conversion_timeout,
        failureCode: 'conversion_timeout',
        createdAt: now,
        updatedAt: now,
      });
      return id;
    };
    const mine = await failedOf(rep, 'Broken brochure', false);
    await failedOf(mate, 'Colleague broken deck', true);
    const { page, picker, frame } = await openPicker(rep);
    const row = picker.getByRole('listitem').filter({ hasText: 'Broken brochure' });
    await row.getByText('This document took too long to convert: save it again in Word or PowerPoint, or as a PDF').waitFor();
    expect(await row.getByRole('button', { name: 'Add to email' }).count()).toBe(0);
    await picker.getByRole('listitem').filter({ hasText: 'Pricing 2027' }).waitFor();
    expect(await picker.getByRole('listitem').filter({ hasText: 'Colleague broken deck' }).count()).toBe(0);
    expect(await frame.locator('body').innerText()).not.toMatch(/HTTP|POST|\b4\d\d\b/);

    await row.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await fetch(`${server.baseUrl}/api/v1/documents/${mine}`, { headers: rep.headers })).status).toBe(404);
    await picker.getByRole('listitem').filter({ hasText: 'Pricing 2027' }).waitFor();
    await page.close();
  });

  it('searches the library as the rep types', async () => {
    const { page, picker } = await openPicker(rep);
    await picker.getByRole('listitem').filter({ hasText: 'Pricing 2027' }).waitFor();
    await picker.getByRole('searchbox', { name: 'Search your documents' }).fill('case study');
    await picker.getByText('No document matches “case study”.').waitFor();
    await picker.getByRole('searchbox', { name: 'Search your documents' }).fill('pricing');
    await picker.getByRole('listitem').filter({ hasText: 'Pricing 2027' }).waitFor();
    await page.close();
  });

  it("tells a rep without the team plan why, in the server's words", async () => {
    const free = await server.addUser('free@seller.example', { password: PASSWORD, plan: 'free' });
    await signIn(free);
    const { page, picker } = await openPicker(free);
    const plan = picker.getByRole('alert').filter({ hasText: 'Tracked documents are not part of your plan' });
    await plan.waitFor();
    expect(await plan.innerText()).toContain('Team Starter');
    await page.close();
  });
});
