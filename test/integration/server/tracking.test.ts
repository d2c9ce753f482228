// The pixel and the signed click redirect, as a recipient's mail client meets them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUtf8Base64Url } from '../../../src/shared/base64url.ts';
import { mintId } from '../../../src/shared/ids.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { signLink } from '../../../src/shared/link-signing.ts';
import { clickUrl, pixelUrl } from '../../../src/shared/tracking-urls.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { BROWSER_UA, cursorSeq, openPixel, readFeed, registerEmail } from './helpers.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser();
  bob = await server.addUser();
});
afterAll(() => server.close());

async function expectGif(response: Response): Promise<void> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/gif');
  expect(response.headers.get('cache-control')).toBe('no-store, max-age=0');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(bytes.length).toBe(43);
  expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('GIF89a');
}

describe('open pixel', () => {
  it('answers the GIF for a registered, an unknown and a malformed token', async () => {
    const { token } = await registerEmail(server, alice);
    await expectGif(await openPixel(server, token));
    await expectGif(await openPixel(server, mintEmailToken()));
    await expectGif(await fetch(`${server.baseUrl}/t/o/not-a-token.gif`));
    await expectGif(await fetch(`${server.baseUrl}/t/o/%3Cscript%3E`));
  });

  it('records the open, durable before the GIF is answered', async () => {
    const { token } = await registerEmail(server, alice);
    await openPixel(server, token);
    const feed = await readFeed(server, alice);
    expect(feed.events.find((event) => event.email.token === token)).toMatchObject({ kind: 'open', label: 'human', repeat: false });
  });

  it('keeps a hit that arrives before registration and attaches it at registration', async () => {
    const token = mintEmailToken(alice.signingKey);
    await openPixel(server, token);
    expect((await readFeed(server, alice)).events.some((event) => event.email.token === token)).toBe(false);
    const before = await readFeed(server, alice);
    await registerEmail(server, alice, { token, subject: 'Early bird' });
    const after = await readFeed(server, alice, `?cursor=${before.cursor}`);
    expect(after.events).toEqual([
      expect.objectContaining({ kind: 'open', email: expect.objectContaining({ token, subject: 'Early bird' }) }),
    ]);
    expect(cursorSeq(server, alice, after.events[0]?.cursor)).toBeGreaterThan(cursorSeq(server, alice, before.cursor) ?? Infinity);
  });

  it("hides the rep's own opens (device header) and flags repeat opens", async () => {
    const deviceId = mintId('device');
    await fetch(`${server.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ deviceId, name: 'Mine' }),
    });
    const { token } = await registerEmail(server, alice);
    await openPixel(server, token, { 'x-glint-device': deviceId });
    await openPixel(server, token);
    await openPixel(server, token);
    const events = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(events.map((event) => event.label)).toEqual(['human', 'human']);
    expect(events.map((event) => event.repeat).sort()).toEqual([false, true]);
  });

  it('accepts self-view beacons with a device header only', async () => {
    const { token } = await registerEmail(server, alice);
    const url = `${server.baseUrl}/api/v1/self-views`;
    const body = JSON.stringify({ token });
    expect((await fetch(url, { method: 'POST', headers: { ...alice.headers, 'x-glint-device': mintId('device') }, body })).status).toBe(
      200,
    );
    expect((await fetch(url, { method: 'POST', headers: alice.headers, body })).status).toBe(400);
  });
});

describe('click redirect', () => {
  const destination = 'https://example.com/pricing?plan=pro&ref=mail#top';

  it('redirects a signed link with 302 and records the click, registered or not', async () => {
    const { token } = await registerEmail(server, alice, { links: [{ index: 3, url: destination }] });
    const response = await fetch(clickUrl(server.baseUrl, alice.signingKey, token, 3, destination), {
      redirect: 'manual',
      headers: { 'user-agent': BROWSER_UA },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(destination);
    const click = (await readFeed(server, alice)).events.find((event) => event.email.token === token && event.kind === 'click');
    expect(click).toMatchObject({ linkIndex: 3, url: destination });

    const unregistered = await fetch(clickUrl(server.baseUrl, alice.signingKey, mintEmailToken(), 0, destination), { redirect: 'manual' });
    expect(unregistered.status).toBe(302);
    expect(unregistered.headers.get('location')).toBe(destination);
  });

  it('refuses tampered, unsigned and unsafe links with a 400 page, no redirect and no event', async () => {
    const { token } = await registerEmail(server, alice);
    const good = new URL(clickUrl(server.baseUrl, alice.signingKey, token, 0, destination));
    const variant = (change: (url: URL) => void): string => {
      const url = new URL(good);
      change(url);
      return url.toString();
    };
    const bad = [
      variant((url) => url.searchParams.set('d', encodeUtf8Base64Url('https://evil.example/'))),
      variant((url) => url.searchParams.set('s', 'A'.repeat(22))),
      variant((url) => url.searchParams.set('k', mintId('signingKey'))),
      variant((url) => url.searchParams.set('k', bob.signingKey.kid)),
      variant((url) => url.searchParams.delete('s')),
      variant((url) => (url.search = '')),
      variant((url) => (url.pathname = url.pathname.replace(/\/0$/, '/1'))),
      clickUrl(server.baseUrl, alice.signingKey, token, 0, 'javascript:alert(1)'),
      `${server.baseUrl}/t/c/${token}/0?k=${alice.signingKey.kid}&d=${encodeUtf8Base64Url('//evil.example')}&s=${signLink(alice.signingKey.secret, token, 0, '//evil.example')}`,
    ];
    for (const url of bad) {
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status, url).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('This link is broken');
    }
    const events = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(events).toEqual([]);
  });

  it('answers a HEAD of the pixel with the image headers but records no open', async () => {
    const { token } = await registerEmail(server, alice, {});
    const response = await fetch(pixelUrl(server.baseUrl, token), { method: 'HEAD', headers: { 'user-agent': BROWSER_UA } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect((await readFeed(server, alice)).events.filter((event) => event.email.token === token)).toEqual([]);
  });

  it('answers a HEAD with the redirect but records no click (link checkers, scanners)', async () => {
    const { token } = await registerEmail(server, alice, { links: [{ index: 0, url: destination }] });
    const response = await fetch(clickUrl(server.baseUrl, alice.signingKey, token, 0, destination), {
      method: 'HEAD',
      redirect: 'manual',
      headers: { 'user-agent': BROWSER_UA },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(destination);
    expect((await readFeed(server, alice)).events.filter((event) => event.email.token === token)).toEqual([]);
  });

  it("attaches an early click to the registering owner only when the owner's key signed it", async () => {
    const token = mintEmailToken(alice.signingKey);
    await fetch(clickUrl(server.baseUrl, bob.signingKey, token, 0, destination), { redirect: 'manual' });
    await fetch(clickUrl(server.baseUrl, alice.signingKey, token, 1, destination), { redirect: 'manual' });
    await registerEmail(server, alice, { token });
    const clicks = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(clicks.map((event) => event.linkIndex)).toEqual([1]);
  });

  it("redirects but records nothing when another user's key signs a link to alice's email", async () => {
    const { token } = await registerEmail(server, alice);
    const response = await fetch(clickUrl(server.baseUrl, bob.signingKey, token, 0, destination), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect((await readFeed(server, alice)).events.filter((event) => event.email.token === token)).toEqual([]);
  });
});

describe("pages in the reader's language", () => {
  it('says a click link is broken in French or Dutch when the browser asks for it', async () => {
    const token = mintEmailToken();
    const french = await fetch(`${server.baseUrl}/t/c/${token}/0`, {
      redirect: 'manual',
      headers: { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' },
    });
    expect(french.status).toBe(400);
    expect(french.headers.get('content-language')).toBe('fr');
    expect(french.headers.get('vary')).toContain('Accept-Language');
    expect(await french.text()).toContain('Ce lien est rompu');
    const dutch = await fetch(`${server.baseUrl}/d/not-a-link`, { headers: { 'accept-language': 'nl' } });
    expect(dutch.status).toBe(404);
    expect(await dutch.text()).toContain('Deze link is niet beschikbaar');
  });
});

describe('mangled tracking URLs', () => {
  it('still answer the GIF under /t/o/ and the broken-link page under /t/c/', async () => {
    for (const path of ['/t/o/', '/t/o/a/b/c', '/t/o/%E0%A4%A.gif']) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.headers.get('content-type'), path).toBe('image/gif');
    }
    const token = mintEmailToken();
    for (const path of ['/t/c/x', `/t/c/${token}/1?k=a&k=b&d=x&s=y`, '/t/c/%ZZ/1', `/t/c/${token}/1/extra`]) {
      const response = await fetch(`${server.baseUrl}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain('This link is broken');
    }
  });
});
