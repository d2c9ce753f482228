// A prospect on a call with the rep, through the real server: the email was sent 20 s ago (sentAt
// backdated), the prospect opens it in Outlook at home and clicks in Chrome at once. Inside the
// 60 s link-scanner window that click is a person's only with the open from the same address just
// before; the same click from elsewhere, by headless Chrome or with no open stays a scan.
// Client addresses are set with X-Forwarded-For (the server runs with TRUST_PROXY=true). Both stores:
// the open is read back through each dialect's listOpensBetween.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { clickUrl } from '../../../src/shared/tracking-urls.ts';
import { IP, UA } from '../../fixtures/hits/real-world.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { BROWSER_UA, openPixel, readFeed, registerEmail } from './helpers.ts';

const LINKS = ['https://acme.example/pricing', 'https://acme.example/demo'];
const HOME_V6 = '2001:db8:85a3:1:a1b2:c3d4:e5f6:1';
const HOME_V6_OTHER_HOST = '2001:db8:85a3:1:ffff::2';

let server: TestServer;
let alice: TestUser;

async function sentSecondsAgo(seconds: number): Promise<string> {
  const sentAt = new Date(Date.now() - seconds * 1000).toISOString();
  const { token, response } = await registerEmail(server, alice, { links: LINKS.map((url, index) => ({ index, url })), sentAt });
  expect(response.status).toBe(201);
  return token;
}

async function open(token: string, ip: string, userAgent: string = UA.outlookDesktop): Promise<void> {
  const response = await openPixel(server, token, { 'user-agent': userAgent, 'x-forwarded-for': ip });
  expect(response.status).toBe(200);
}

async function click(token: string, ip: string, userAgent: string = BROWSER_UA, index = 0): Promise<void> {
  const url = clickUrl(server.baseUrl, alice.signingKey, token, index, LINKS[index] ?? '');
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': userAgent, 'x-forwarded-for': ip } });
  expect(response.status).toBe(302);
}

async function labelsOf(token: string): Promise<[FeedEvent['kind'], string, string][]> {
  const { events } = await readFeed(server, alice, '?limit=100');
  return events
    .filter((event) => event.email.token === token)
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((event) => [event.kind, event.label, event.reason]);
}

describe.each([
  { store: 'SQLite', postgres: false },
  { store: 'PostgreSQL', postgres: true },
])('a click within a minute of sending ($store)', ({ postgres }) => {
  let cluster: PostgresCluster | undefined;

  beforeAll(async () => {
    cluster = postgres ? await startPostgres() : undefined;
    const databaseUrl = cluster ? await cluster.createDatabase('glint_on_call') : undefined;
    server = await startServer({ env: { TRUST_PROXY: 'true', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
    alice = await server.addUser();
  });
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
  });

  it('is a person when the same address has just opened the email with a mail client', async () => {
    const token = await sentSecondsAgo(20);
    await open(token, IP.home);
    await click(token, IP.home);
    expect(await labelsOf(token)).toEqual([
      ['open', 'human', 'no-machine-signal'],
      ['click', 'human', 'no-machine-signal'],
    ]);
  });

  it('counts the same IPv6 /64 as the same address', async () => {
    const token = await sentSecondsAgo(20);
    await open(token, HOME_V6);
    await click(token, HOME_V6_OTHER_HOST);
    expect((await labelsOf(token)).map(([kind, label]) => [kind, label])).toEqual([
      ['open', 'human'],
      ['click', 'human'],
    ]);
  });

  it.each([
    ['from another address', IP.office, BROWSER_UA],
    ['by headless Chrome', IP.home, UA.headlessChrome],
  ])('stays a scan %s', async (_case, ip, userAgent) => {
    const token = await sentSecondsAgo(20);
    await open(token, IP.home);
    await click(token, ip, userAgent);
    expect((await labelsOf(token))[1]).toEqual(['click', 'machine', 'link-scanner-timing']);
  });

  it('stays a scan without an open just before', async () => {
    const token = await sentSecondsAgo(20);
    await click(token, IP.home);
    expect(await labelsOf(token)).toEqual([['click', 'machine', 'link-scanner-timing']]);
  });

  it('judges the same way when the hits arrive before the email is registered', async () => {
    const token = mintEmailToken(alice.signingKey);
    await open(token, IP.home);
    await click(token, IP.home);
    await click(token, IP.office);
    const { response } = await registerEmail(server, alice, {
      token,
      links: LINKS.map((url, index) => ({ index, url })),
      sentAt: new Date(Date.now() - 20_000).toISOString(),
    });
    expect(response.status).toBe(201);
    expect(await labelsOf(token)).toEqual([
      ['open', 'human', 'no-machine-signal'],
      ['click', 'human', 'no-machine-signal'],
      ['click', 'machine', 'link-scanner-timing'],
    ]);
  });

  it('stays a scan when a second link follows from the same network within seconds', async () => {
    const token = await sentSecondsAgo(20);
    await open(token, IP.home);
    await click(token, IP.home, BROWSER_UA, 0);
    await click(token, IP.home, BROWSER_UA, 1);
    // Two links of two: the second completes the sweep, which also relabels the first.
    expect((await labelsOf(token)).slice(1)).toEqual([
      ['click', 'machine', 'link-scanner-all-links'],
      ['click', 'machine', 'link-scanner-all-links'],
    ]);
  });
});
