// The feed's `checkingUntil` over HTTP: a person's click on an email with several tracked links is
// checking for the sweep window after it (the extension holds its notification until then); a
// click on a one-link email, a machine click and a click whose window has passed are decided.
// The server runs with a short hold; client addresses come from X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_SWEEP_HOLD_MS } from '../../../src/shared/tracking-config.ts';
import { clickUrl } from '../../../src/shared/tracking-urls.ts';
import { checkingTimes } from '../../../src/server/http/feed-holds.ts';
import { IP } from '../../fixtures/hits/real-world.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { BROWSER_UA, readFeed, registerEmail } from './helpers.ts';

const HOLD_MS = 1500;
const HOUR_AGO = (): string => new Date(Date.now() - 3_600_000).toISOString();
const LINKS = ['https://acme.example/pricing', 'https://acme.example/case-study', 'https://acme.example/demo'];

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' }, linkSweepHoldMs: HOLD_MS });
  alice = await server.addUser();
});
afterAll(() => server.close());

async function click(token: string, index: number, ip: string, userAgent: string = BROWSER_UA): Promise<void> {
  const url = clickUrl(server.baseUrl, alice.signingKey, token, index, LINKS[index] ?? '');
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': userAgent, 'x-forwarded-for': ip } });
  expect(response.status).toBe(302);
}

async function emailWith(linkCount: number): Promise<string> {
  const links = LINKS.slice(0, linkCount).map((url, index) => ({ index, url }));
  const { token, response } = await registerEmail(server, alice, { links, sentAt: HOUR_AGO() });
  expect(response.status).toBe(201);
  return token;
}

describe('checkingUntil on the feed', () => {
  it('holds a person’s click on a multi-link email for the window after it, and only that', async () => {
    const start = await readFeed(server, alice);
    const multi = await emailWith(3);
    const single = await emailWith(1);
    await click(multi, 0, IP.home);
    await click(single, 0, IP.home);
    await click(multi, 1, IP.home, 'curl/8.5.0');

    const { events } = await readFeed(server, alice, `?cursor=${start.cursor}`);
    expect(events.map((event) => [event.email.token === multi ? 'multi' : 'single', event.label, event.checkingUntil !== null])).toEqual([
      ['multi', 'human', true],
      ['single', 'human', false],
      ['multi', 'machine', false],
    ]);
    const held = events[0];
    expect(Date.parse(held?.checkingUntil ?? '') - Date.parse(held?.at ?? '')).toBe(HOLD_MS);

    // Read again once the window has passed: the same click is decided.
    const waitUntil = Date.parse(held?.checkingUntil ?? '');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitUntil - Date.now()) + 10));
    const later = await readFeed(server, alice);
    expect(later.events.find((event) => event.id === held?.id)?.checkingUntil).toBeNull();
  });

  it('re-delivers the clicks of a sweep machine and decided', async () => {
    const token = await emailWith(3);
    const start = await readFeed(server, alice);
    await click(token, 0, IP.sweepA);
    await click(token, 1, IP.sweepB);
    await click(token, 2, IP.sweepC);
    await server.context.store.flush();
    const { events } = await readFeed(server, alice, `?cursor=${start.cursor}`);
    const last = new Map(events.map((event) => [event.id, event]));
    expect([...last.values()].map((event) => [event.label, event.reason, event.checkingUntil])).toEqual([
      ['machine', 'link-scanner-all-links', null],
      ['machine', 'link-scanner-all-links', null],
      ['machine', 'link-scanner-all-links', null],
    ]);
  });
});

describe('checkingTimes', () => {
  const at = new Date('2025-03-04T11:00:00Z');
  const event = (id: string, extra: Record<string, unknown> = {}) =>
    ({ id, kind: 'click', label: 'human', linkIndex: 0, at, emailToken: 'em_a', ...extra }) as never;
  const store = {
    getEmail: (token: string) => Promise.resolve(token === 'em_a' ? ({ links: [{}, {}] } as never) : null),
  };

  it('asks the store only about recent candidates and holds for the default window', async () => {
    const asked: string[] = [];
    const counting = { getEmail: (token: string) => (asked.push(token), store.getEmail(token)) };
    const now = new Date(at.getTime() + 1000);
    const held = await checkingTimes(
      counting,
      [
        event('a'),
        event('old', { at: new Date(at.getTime() - LINK_SWEEP_HOLD_MS) }),
        event('open', { kind: 'open' }),
        event('gone', { emailToken: 'em_b' }),
      ],
      now,
      LINK_SWEEP_HOLD_MS,
    );
    expect([...held]).toEqual([['a', new Date(at.getTime() + LINK_SWEEP_HOLD_MS)]]);
    expect(asked.sort()).toEqual(['em_a', 'em_b']);
  });
});
