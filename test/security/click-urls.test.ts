// Tampered and hostile click URLs: only a destination its sender signed, and only an http(s) one,
// is ever redirected to. Everything else, even validly signed (a rep's key signing javascript:, a
// protocol-relative //host, a CR/LF header injection), gets the broken-link page: no Location, no
// header of the attacker's, no event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUtf8Base64Url } from '../../src/shared/base64url.ts';
import { signLink } from '../../src/shared/link-signing.ts';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { readFeed, registerEmail } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;
let token: string;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser();
  ({ token } = await registerEmail(server, alice));
});
afterAll(() => server.close());

/** A click URL whose destination is signed with Alice's real key, whatever it is. */
function signed(destination: string): string {
  const { kid, secret } = alice.signingKey;
  return `${server.baseUrl}/t/c/${token}/0?k=${kid}&d=${encodeUtf8Base64Url(destination)}&s=${signLink(secret, token, 0, destination)}`;
}

const HOSTILE_DESTINATIONS = [
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/',
  '\\\\evil.example\\share',
  '/\\evil.example',
  'https://evil.example\r\nSet-Cookie: glint=stolen',
  'https://evil.example%0d%0aSet-Cookie:%20glint=stolen',
  'http://[::1',
  '',
];

async function expectBrokenPage(url: string): Promise<void> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status, url).toBe(400);
  expect(response.headers.get('location'), url).toBeNull();
  expect(response.headers.get('set-cookie'), url).toBeNull();
  expect(await response.text()).toContain('This link is broken');
}

describe('hostile click URLs', () => {
  it.each(HOSTILE_DESTINATIONS)('never redirects to a signed %j', async (destination) => {
    const response = await fetch(signed(destination), { redirect: 'manual' });
    expect(response.headers.get('set-cookie')).toBeNull();
    const location = response.headers.get('location');
    if (location === null) {
      expect(response.status).toBe(400);
      return;
    }
    // What URL parsing keeps of it may be a plain https URL of the signed host, never anything else.
    expect(response.status).toBe(302);
    expect(new URL(location).protocol).toBe('https:');
    expect(new URL(location).hostname).toBe('evil.example');
    expect(location).not.toMatch(/[\r\n]/);
  });

  it('redirects nowhere when anything of a good link is changed', async () => {
    const good = clickUrl(server.baseUrl, alice.signingKey, token, 0, 'https://example.org/pricing');
    const url = new URL(good);
    const variants = [
      good.replace(/&d=[^&]+/, `&d=${encodeUtf8Base64Url('https://example.org.evil.example/pricing')}`),
      `${good}&d=${encodeUtf8Base64Url('https://evil.example/')}`,
      good.replace(/&s=[^&]+/, `&s=${'A'.repeat(22)}`),
      good.replace(`/${token}/0`, `/${token}/1`),
      good.replace(/\?.*/, ''),
      `${url.origin}${url.pathname}?d=${url.searchParams.get('d')}&k=${url.searchParams.get('k')}`,
      `${url.origin}/t/c/${token}/0/extra${url.search}`,
      `${url.origin}/t/c/..%2f..%2fapi%2fv1%2fme`,
    ];
    for (const variant of variants) await expectBrokenPage(variant);
    expect((await readFeed(server, alice)).events.filter((event) => event.kind === 'click')).toEqual([]);
  });
});
