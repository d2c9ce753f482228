// The rep's own click on a tracked link, from the browser where Glint is signed in, carries the
// device header and is filed as the rep's own: a top-level navigation (which Chrome's header
// rules leave out unless named), on the API's origin and on a server whose tracking URLs live on
// another origin (PUBLIC_URL elsewhere, as with a custom tracking domain).
// Loopback stands in for the two origins: the API at http://127.0.0.1:PORT, the tracking URLs at
// http://localhost:PORT (both granted by the manifest, so no permission prompt to answer).
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

const PASSWORD = 'a long and unguessable passphrase';

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let publicUrl: string;

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://localhost:${port}`;
  server = await startServer({ port, env: { PUBLIC_URL: publicUrl } });
  rep = await server.addUser('rep@origins.example', { password: PASSWORD });
  // This machine's Chromium resolves no names at all: localhost is mapped by hand.
  browser = await launchExtension({ extensionDir: await buildExtensionOnce(), args: ['--host-resolver-rules=MAP localhost 127.0.0.1'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The labels the server gave the email's hits (the feed never shows self ones). */
async function serverLabels(token: string): Promise<{ kind: string; label: string; reason: string }[]> {
  await server.context.store.flush();
  const db = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT kind, label, reason FROM events WHERE email_token = ? ORDER BY seq').all(token) as {
      kind: string;
      label: string;
      reason: string;
    }[];
  } finally {
    db.close();
  }
}

describe("the rep's own clicks", () => {
  it("are filed as the rep's own on the API origin and on a separate tracking origin", async () => {
    const options = await browser.openExtensionPage('src/extension/options/index.html');
    const signedIn = await options.evaluate((request) => chrome.runtime.sendMessage({ glint: 1, name: 'auth.signIn', request }), {
      serverUrl: server.baseUrl,
      email: rep.user.email,
      password: PASSWORD,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { signedIn: true, trackingAccess: { origin: publicUrl, allowed: true } } });
    // One rule per origin: the API's and the tracking URLs'.
    const rules = await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
    expect(rules.map((rule) => rule.condition.urlFilter).sort()).toEqual([`|${publicUrl}/`, `|${server.baseUrl}/`].sort());
    for (const rule of rules) expect(rule.condition.resourceTypes).toContain('main_frame');
    await options.close();

    // Where the links lead: any page that answers (this machine reaches no other host).
    const destination = `${server.baseUrl}/healthz`;
    const token = mintEmailToken(rep.signingKey);
    const registered = await fetch(`${server.baseUrl}/api/v1/emails`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({
        token,
        subject: 'Own click',
        to: ['buyer@acme.example'],
        sentAt: new Date(Date.now() - 3_600_000).toISOString(),
        links: [{ index: 0, url: destination }],
      }),
    });
    expect(registered.status).toBe(201);
    const onTrackingOrigin = clickUrl(publicUrl, rep.signingKey, token, 0, destination);
    const onApiOrigin = clickUrl(server.baseUrl, rep.signingKey, token, 0, destination);

    // The rep clicks their own tracked links in their Sent folder: top-level navigations from Gmail.
    await browser.context.route('https://mail.google.com/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Sent</title><a id="tracking" href="${onTrackingOrigin}">a</a><a id="api" href="${onApiOrigin}">b</a>`,
      }),
    );
    const page = await browser.context.newPage();
    for (const id of ['tracking', 'api']) {
      await page.goto('https://mail.google.com/mail/u/0/#sent');
      await Promise.all([page.waitForURL(destination), page.click(`#${id}`)]);
    }
    await page.close();
    expect(await serverLabels(token)).toEqual([
      { kind: 'click', label: 'self', reason: 'sender-device' },
      { kind: 'click', label: 'self', reason: 'sender-device' },
    ]);
  });
});
