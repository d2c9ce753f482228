// The live feed popup as the rep sees it: the BUILT extension in headless Chromium, its popup
// page opened as a tab, the feed database written from the extension's service worker with the
// background's own helpers (so updates reach the popup the way real syncs do).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';
import { buildExtensionOnce } from '../support/chromium.ts';
import { launchPopupBrowser, type PopupBrowser } from '../support/popup-seed.ts';

const ago = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
const HOSTILE = '<img src=x onerror=alert(1)>';

let extensionDir: string;
let browser: PopupBrowser;
let page: Page | null = null;

beforeAll(async () => {
  extensionDir = await buildExtensionOnce();
  browser = await launchPopupBrowser({ extensionDir });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  await browser.clear();
});
afterEach(async () => {
  await page?.close();
  page = null;
});

async function open(): Promise<Page> {
  page = await browser.openPopup();
  return page;
}

/** The subjects of the email rows, top to bottom, as drawn. */
async function subjects(popup: Page): Promise<string[]> {
  return popup.locator('.email__subject').allInnerTexts();
}

/** Two emails with human activity, one with only machine hits, one with only the rep's own views. */
async function seedScenario(): Promise<{ proposal: ReturnType<typeof makeEmail> }> {
  const proposal = makeEmail({ subject: 'Proposal for Acme', to: ['buyer@acme.example'], cc: ['cfo@acme.example'], sentAt: ago(180) });
  const review = makeEmail({ subject: 'Quarterly review', to: ['ops@globex.example'], sentAt: ago(120) });
  const machineOnly = makeEmail({ subject: 'Only a proxy saw this', sentAt: ago(90) });
  const selfOnly = makeEmail({ subject: 'Only I looked at this', sentAt: ago(60) });
  await browser.setSync({ status: 'ok', lastSyncAt: ago(0) });
  await browser.seed([
    makeFeedEvent({ email: proposal, at: ago(170), label: 'machine', reason: 'apple-mpp' }),
    makeFeedEvent({ email: proposal, at: ago(30) }),
    makeFeedEvent({ email: proposal, at: ago(25), repeat: true }),
    makeFeedEvent({ email: proposal, at: ago(20), kind: 'click', url: 'https://acme.example/pricing', linkIndex: 0 }),
    makeFeedEvent({ email: proposal, at: ago(10), kind: 'reply' }),
    makeFeedEvent({ email: proposal, at: ago(2), label: 'self', reason: 'sender-device' }),
    makeFeedEvent({ email: review, at: ago(6), kind: 'doc_open' }),
    makeFeedEvent({
      email: review,
      at: ago(5),
      kind: 'doc_pages',
      details: {
        pages: [
          { page: 1, seconds: 42 },
          { page: 2, seconds: 7 },
          { page: 3, seconds: 21 },
        ],
        totalSeconds: 70,
      },
    }),
    makeFeedEvent({ email: machineOnly, at: ago(80), label: 'machine', reason: 'gmail-proxy-at-send' }),
    makeFeedEvent({ email: selfOnly, at: ago(50), label: 'self', reason: 'sender-self-view' }),
  ]);
  return { proposal };
}

describe('popup feed', () => {
  it('groups events by email, newest activity first, with human counts and recipients', async () => {
    await seedScenario();
    const popup = await open();
    await popup.getByText('Quarterly review').waitFor();
    expect(await subjects(popup)).toEqual(['Quarterly review', 'Proposal for Acme']);

    const proposal = popup.locator('.email', { hasText: 'Proposal for Acme' });
    const text = await proposal.innerText();
    expect(text).toContain('To: buyer@acme.example, cfo@acme.example');
    expect(text).toContain('2 opens');
    expect(text).toContain('1 click');
    expect(text).toContain('1 reply');
    expect(text).toContain('10 minutes ago');
    expect(text).not.toMatch(/machine/i);
    expect(await popup.locator('.email', { hasText: 'Quarterly review' }).innerText()).toContain('1 doc view');

    await proposal.getByRole('button', { name: /Proposal for Acme/ }).click();
    await expect.poll(() => popup.locator('.event__kind').allInnerTexts()).toEqual(['Replied', 'Clicked a link', 'Opened again', 'Opened']);
    expect(await popup.locator('.feed').innerText()).toContain('https://acme.example/pricing');
    expect(await popup.locator('.feed').innerText()).not.toContain('your own');
  });

  it('draws seconds per page for a document visit', async () => {
    await seedScenario();
    const popup = await open();
    await popup.getByRole('button', { name: /Quarterly review/ }).click();
    const bars = popup.locator('.page-bars');
    await bars.waitFor();
    expect(await bars.locator('.page-bars__page').allInnerTexts()).toEqual(['Page 1', 'Page 2', 'Page 3']);
    expect(await bars.locator('.page-bars__seconds').allInnerTexts()).toEqual(['42 sec', '7 sec', '21 sec']);
    const widths = await bars.locator('.page-bars__bar').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    expect(widths[0]).toBeGreaterThan(widths[2] ?? Infinity);
    expect(widths[2]).toBeGreaterThan(widths[1] ?? Infinity);
    expect(await bars.innerText()).toContain('Total 1 min 10 sec');
  });

  it('shows a reply with its sender and first lines, an out-of-office with its return day, a bounce', async () => {
    const proposal = makeEmail({ subject: 'Proposal for Acme', to: ['buyer@acme.example'], cc: ['cfo@acme.example'], sentAt: ago(180) });
    await browser.setSync({ status: 'ok', lastSyncAt: ago(0) });
    await browser.seed([
      makeFeedEvent({
        email: proposal,
        at: ago(40),
        kind: 'auto_reply',
        details: { from: 'buyer@acme.example', senderRole: 'to', returnDate: '2027-03-12' },
      }),
      makeFeedEvent({ email: proposal, at: ago(30), kind: 'bounce', details: { bouncedRecipients: ['old@acme.example'] } }),
      makeFeedEvent({
        email: proposal,
        at: ago(10),
        kind: 'reply',
        details: { from: 'cfo@acme.example', fromName: 'Claire Dubois', senderRole: 'cc', firstLines: 'Looks good. Can we talk Thursday?' },
      }),
    ]);
    const popup = await open();
    // The out-of-office and the bounce are in the row, quietly: only the reply is new.
    const row = popup.locator('.email', { hasText: 'Proposal for Acme' });
    await expect.poll(() => row.locator('.count').allInnerTexts()).toEqual(['1 reply', '1 automatic reply', '1 bounce', '1 new']);
    await popup.getByRole('button', { name: /Proposal for Acme/ }).click();
    const reply = popup.locator('.event[data-kind="reply"]');
    await reply.waitFor();
    expect(await popup.locator('.count--reply').innerText()).toBe('1 reply');
    expect(await reply.locator('.event__sender').innerText()).toBe("From Claire Dubois <cfo@acme.example> · CC'd");
    expect(await reply.locator('.event__quote').innerText()).toBe('Looks good. Can we talk Thursday?');
    expect(await popup.locator('.event[data-kind="auto_reply"]').innerText()).toContain('Back on Mar 12, 2027');
    expect(await popup.locator('.event[data-kind="bounce"]').innerText()).toContain('Not delivered to old@acme.example');
  });

  it('filters by opens, clicks, documents and replies', async () => {
    await seedScenario();
    const popup = await open();
    await popup.getByText('Quarterly review').waitFor();
    const chip = (name: string) => popup.getByRole('group', { name: 'Show only' }).getByRole('button', { name });

    await chip('Clicks').click();
    await expect.poll(() => subjects(popup)).toEqual(['Proposal for Acme']);
    expect(await chip('Clicks').getAttribute('aria-pressed')).toBe('true');

    await chip('Documents').click();
    await expect.poll(() => subjects(popup)).toEqual(['Quarterly review', 'Proposal for Acme']);

    await chip('Clicks').click();
    await expect.poll(() => subjects(popup)).toEqual(['Quarterly review']);

    await chip('Documents').click();
    await chip('Replies').click();
    await expect.poll(() => subjects(popup)).toEqual(['Proposal for Acme']);
    await popup.getByRole('button', { name: /Proposal for Acme/ }).click();
    await expect.poll(() => popup.locator('.event__kind').allInnerTexts()).toEqual(['Replied']);
  });

  it('shows machine activity only on request, dimmed, with its reason in words; self never', async () => {
    await seedScenario();
    const popup = await open();
    await popup.getByText('Quarterly review').waitFor();
    expect(await subjects(popup)).not.toContain('Only a proxy saw this');

    await popup.getByRole('switch', { name: 'Show machine activity' }).check();
    await expect.poll(() => subjects(popup)).toEqual(['Quarterly review', 'Proposal for Acme', 'Only a proxy saw this']);
    const proxyRow = popup.locator('.email', { hasText: 'Only a proxy saw this' });
    // Dimmed: drawn in the muted colour of secondary text (not faded, so it stays readable).
    const muted = await popup
      .locator('.email__recipients')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    const human = await popup
      .locator('.email', { hasText: 'Quarterly review' })
      .locator('.email__subject')
      .evaluate((el) => getComputedStyle(el).color);
    expect(muted).not.toBe(human);
    expect(await proxyRow.locator('.email__subject').evaluate((el) => getComputedStyle(el).color)).toBe(muted);
    expect(await proxyRow.innerText()).toContain('1 machine hit');

    await proxyRow.getByRole('button', { name: /Only a proxy saw this/ }).click();
    await popup.getByText('Machine: Gmail image proxy at send time').waitFor();
    await popup.getByRole('button', { name: /Proposal for Acme/ }).click();
    const mpp = popup.locator('.event', { hasText: 'Machine: Apple Mail Privacy Protection prefetch' });
    await mpp.waitFor();
    expect(await mpp.locator('.event__kind').evaluate((el) => getComputedStyle(el).color)).toBe(muted);

    const everything = await popup.locator('.feed').innerText();
    expect(everything).not.toContain('Only I looked at this');
    expect(everything).not.toContain('your own');
    expect(await popup.locator('.event[data-label="self"]').count()).toBe(0);
  });

  it('renders hostile subjects, recipients, links and file names as inert text', async () => {
    const email = makeEmail({ subject: HOSTILE, to: ['x@evil.example'], cc: [], sentAt: ago(30) });
    await browser.setSync({ status: 'ok', lastSyncAt: ago(0) });
    await browser.seed([
      makeFeedEvent({ email, at: ago(3), kind: 'click', url: 'javascript:alert(2)', linkIndex: 0 }),
      makeFeedEvent({
        email,
        at: ago(2),
        kind: 'doc_pages',
        details: { documentName: '<svg onload=alert(3)>.pdf', pages: [{ page: 1, seconds: 3 }], totalSeconds: 3 },
      }),
    ]);
    const popup = await open();
    const dialogs: string[] = [];
    popup.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await popup.getByText(HOSTILE, { exact: true }).waitFor();
    await popup.getByRole('button', { name: /img src/ }).click();
    await popup.getByText('Time per page: <svg onload=alert(3)>.pdf').waitFor();
    expect(await popup.getByText('javascript:alert(2)').count()).toBe(1);
    expect(await popup.locator('#root').locator('img, svg, script, iframe, a[href]:not([href="../campaigns/index.html"])').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('shows a new event as soon as the background writes it, without a reload', async () => {
    const { proposal } = await seedScenario();
    const popup = await open();
    await popup.getByText('Proposal for Acme').waitFor();
    const started = performance.now();
    await browser.seed([
      makeFeedEvent({ email: proposal, kind: 'click', at: new Date().toISOString(), linkIndex: 1, url: 'https://acme.example/demo' }),
    ]);
    // How fast is bench:feed's business (a timed assertion would only flake on a busy machine).
    await popup.locator('.email').first().getByText('2 clicks').waitFor();
    console.log(`new click in the open popup after ${Math.round(performance.now() - started)} ms`);
    expect(await subjects(popup)).toEqual(['Proposal for Acme', 'Quarterly review']);
  });

  it('opens the email thread in Gmail', async () => {
    await seedScenario();
    await browser.context.route('https://mail.google.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: 'Gmail' }),
    );
    const popup = await open();
    const row = popup.locator('.email', { hasText: 'Quarterly review' });
    const [gmail] = await Promise.all([browser.context.waitForEvent('page'), row.getByRole('button', { name: 'Open in Gmail' }).click()]);
    await gmail.waitForURL(/^https:\/\/mail\.google\.com\//);
    expect(gmail.url()).toContain('18e0c0ffee000001');
    await gmail.close();
  });

  it('marks everything read and clears the toolbar badge', async () => {
    await seedScenario();
    const popup = await open();
    await popup.locator('.header__unread').waitFor();
    expect(await popup.locator('.header__unread').innerText()).toBe('5 new');
    await popup.getByRole('button', { name: 'Mark all read' }).click();
    await popup.locator('.header__unread').waitFor({ state: 'detached' });
    await expect.poll(() => popup.locator('.count--unread').count()).toBe(0);
    await expect.poll(() => browser.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    expect(await popup.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
  });
});

describe('popup states', () => {
  it('signed out: says so and opens the options page', async () => {
    const popup = await open();
    await popup.getByRole('heading', { name: 'Sign in to see your feed' }).waitFor();
    const [options] = await Promise.all([
      browser.context.waitForEvent('page'),
      popup.getByRole('button', { name: 'Open settings to sign in' }).click(),
    ]);
    expect(options.url()).toContain('/src/extension/options/index.html');
    await options.close();
  });

  it('empty: explains how to send a first tracked email', async () => {
    await browser.setSync({ status: 'ok', lastSyncAt: ago(0) });
    const popup = await open();
    await popup.getByRole('heading', { name: 'No tracked activity yet' }).waitFor();
    expect(await popup.locator('.panel__steps li').allInnerTexts()).toEqual([
      'Open Gmail and write an email.',
      'Keep open and click tracking on in the compose window (they are on by default).',
      'Send it. Opens, clicks, document views and replies appear here within seconds.',
    ]);
  });

  it('filters that hide everything: says so and offers to show everything', async () => {
    const email = makeEmail({ subject: 'Just opened', sentAt: ago(60) });
    await browser.setSync({ status: 'ok', lastSyncAt: ago(0) });
    await browser.seed([makeFeedEvent({ email, at: ago(5) })]);
    const popup = await open();
    await popup.getByText('Just opened').waitFor();
    await popup.getByRole('button', { name: 'Replies' }).click();
    await popup.getByText('No email matches these filters.').waitFor();
    await popup.getByRole('button', { name: 'Show everything' }).click();
    await popup.getByText('Just opened').waitFor();
    expect(await popup.getByRole('button', { name: 'Replies' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('offline: keeps the feed, says when it last synced, offers a retry', async () => {
    await seedScenario();
    await browser.setSync({ status: 'offline', lastSyncAt: ago(7), lastError: 'fetch failed' });
    const popup = await open();
    const banner = popup.getByRole('status');
    await banner.getByText("Can't reach the Glint server", { exact: false }).waitFor();
    expect(await banner.innerText()).toContain('Last synced 7 minutes ago');
    expect(await banner.getByRole('button', { name: 'Retry now' }).isEnabled()).toBe(true);
    expect(await subjects(popup)).toEqual(['Quarterly review', 'Proposal for Acme']);
  });

  it('server error: shows the server message', async () => {
    await seedScenario();
    await browser.setSync({ status: 'server-error', lastError: 'The server answered 503: database is locked' });
    const popup = await open();
    await popup.getByText('The Glint server reported an error:').waitFor();
    expect(await popup.getByRole('status').innerText()).toContain('The server answered 503: database is locked');
  });
});

describe('popup with 10,000 events', () => {
  it('renders quickly, keeps the DOM small and scrolls to the oldest email', async () => {
    const emails = Array.from({ length: 2000 }, (_, index) => makeEmail({ subject: `Deal ${index}`, sentAt: ago(30_000) }));
    const events = Array.from({ length: 10_000 }, (_, index) => {
      const email = emails[index % emails.length];
      return makeFeedEvent({ email, at: ago(index % emails.length) });
    });
    await browser.setSync({ status: 'ok', lastSyncAt: ago(0) });
    const seeding = performance.now();
    for (let start = 0; start < events.length; start += 2500) await browser.seed(events.slice(start, start + 2500));
    console.log(`seeded 10,000 events in ${Math.round(performance.now() - seeding)} ms`);

    const started = performance.now();
    const popup = await open();
    await popup.getByText('Deal 0', { exact: true }).waitFor();
    const firstPaint = performance.now() - started;
    console.log(`popup showed the newest of 10,000 events in ${Math.round(firstPaint)} ms`);
    expect(await popup.locator('.feed__row').count()).toBeLessThan(60);

    // Older emails load page by page as the rep nears the end: keep scrolling down.
    const feed = popup.locator('.feed');
    await expect
      .poll(
        async () => {
          await feed.evaluate((el) => el.scrollTo(0, el.scrollHeight));
          return popup.getByText('Deal 1999', { exact: true }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await popup.locator('.feed__row').count()).toBeLessThan(60);
    expect(await popup.locator('.email', { hasText: 'Deal 1999' }).innerText()).toContain('5 opens');
  });
});

describe('popup in French', () => {
  let french: PopupBrowser;
  beforeAll(async () => {
    french = await launchPopupBrowser({ extensionDir, lang: 'fr' });
  });
  afterAll(async () => {
    await french?.close();
  });

  it('speaks the browser language', async () => {
    const email = makeEmail({ subject: 'Proposition', sentAt: ago(60) });
    await french.setSync({ status: 'ok', lastSyncAt: ago(0) });
    await french.seed([makeFeedEvent({ email, at: ago(5) }), makeFeedEvent({ email, at: ago(4), kind: 'reply' })]);
    const popup = await french.openPopup();
    try {
      await popup.getByText('Proposition').waitFor();
      expect(await popup.getByRole('switch', { name: "Afficher l'activité automatique" }).isVisible()).toBe(true);
      const row = await popup.locator('.email').innerText();
      expect(row).toContain('1 ouverture');
      expect(row).toContain('1 réponse');
      expect(row).toContain('il y a 4 minutes');
      // Plural forms, and longer French labels never broken over two lines.
      expect(await popup.locator('.header__unread').innerText()).toBe('2 nouveaux');
      const markAllRead = popup.getByRole('button', { name: 'Tout marquer comme lu' });
      const lineHeight = await markAllRead.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
      expect((await markAllRead.boundingBox())?.height ?? Infinity).toBeLessThan(2 * lineHeight);
    } finally {
      await popup.close();
    }
  });
});

// Playwright's clock is installed on the whole context: this test gets a browser of its own.
describe('popup clock', () => {
  let clocked: PopupBrowser;
  beforeAll(async () => {
    clocked = await launchPopupBrowser({ extensionDir });
  });
  afterAll(async () => {
    await clocked?.close();
  });

  it('keeps relative times true while the popup stays open', async () => {
    const email = makeEmail({ subject: 'Ticking', sentAt: ago(60) });
    await clocked.setSync({ status: 'ok', lastSyncAt: ago(0) });
    await clocked.seed([makeFeedEvent({ email, at: new Date().toISOString() })]);
    page = await clocked.context.newPage();
    await page.clock.install();
    await page.goto(clocked.popupUrl);
    const time = page.locator('.email', { hasText: 'Ticking' }).locator('time');
    await expect.poll(() => time.innerText()).toBe('just now');
    await page.clock.fastForward('05:00');
    await expect.poll(() => time.innerText()).toBe('5 minutes ago');
  });
});
