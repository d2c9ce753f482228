// A team's allow-listed networks through the real server: added and removed over the API (CIDRs
// normalised, refusals in sentences), only ever the caller's team's, and applied to the very next
// hit: a desktop Chrome open from an allow-listed AWS address is human, from the rest of AWS
// machine, and a headless browser from the allow-listed network still machine. Client addresses are
// set with X-Forwarded-For (the server runs with TRUST_PROXY=true).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, FeedEvent } from '../../../src/shared/api-schemas.ts';
import type { TeamNetworksResponse } from '../../../src/shared/team-networks-api.ts';
import { UA } from '../../fixtures/hits/real-world.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json, openPixel, readFeed, registerEmail } from './helpers.ts';

const HOUR_AGO = (): string => new Date(Date.now() - 3_600_000).toISOString();
const VPN_EXIT = '3.80.12.1';
const OTHER_AWS = '3.80.13.1';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  alice = await server.addUser(undefined, { team: 'Acme networks' });
  bob = await server.addUser(undefined, { team: 'Acme networks' });
  carol = await server.addUser(undefined, { team: 'Globex networks' });
});
afterAll(() => server.close());

const url = `/api/v1/team/networks`;
const list = (user: TestUser): Promise<Response> => fetch(`${server.baseUrl}${url}`, { headers: user.headers });
const add = (user: TestUser, body: unknown): Promise<Response> =>
  fetch(`${server.baseUrl}${url}`, { method: 'POST', headers: user.headers, body: JSON.stringify(body) });
const remove = (user: TestUser, cidr: string): Promise<Response> =>
  fetch(`${server.baseUrl}${url}?cidr=${encodeURIComponent(cidr)}`, {
    method: 'DELETE',
    headers: { authorization: user.headers.authorization ?? '' },
  });

/** Opens the email from `ip` and returns the stored event (the feed waits for its commit). */
async function openFrom(user: TestUser, ip: string, userAgent: string = UA.chromeWindows): Promise<FeedEvent> {
  const { token } = await registerEmail(server, user, { sentAt: HOUR_AGO() });
  expect((await openPixel(server, token, { 'x-forwarded-for': ip, 'user-agent': userAgent })).status).toBe(200);
  let cursor = '0';
  for (;;) {
    const page = await readFeed(server, user, `?cursor=${cursor}&wait=5&includeMachine=true`);
    const event = page.events.find((candidate) => candidate.email.token === token);
    if (event) return event;
    if (page.events.length === 0) throw new Error(`no event for ${token}`);
    cursor = String(page.cursor);
  }
}

const verdict = (event: FeedEvent): [string, string] => [event.label, event.reason];

describe('team networks over the API', () => {
  it('judges opens from an allow-listed network on the other signals, from the next hit on', async () => {
    expect(verdict(await openFrom(alice, VPN_EXIT))).toEqual(['machine', 'datacenter-network']);

    const added = await add(alice, { cidr: ' 3.80.12.9/24 ', label: 'Paris VPN' });
    expect(added.status).toBe(201);
    expect(await json(added)).toEqual({
      network: { cidr: '3.80.12.0/24', label: 'Paris VPN', addedBy: alice.user.email, addedAt: expect.any(String) },
    });

    expect(verdict(await openFrom(alice, VPN_EXIT))).toEqual(['human', 'no-machine-signal']);
    expect(verdict(await openFrom(bob, VPN_EXIT))).toEqual(['human', 'no-machine-signal']);
    expect(verdict(await openFrom(carol, VPN_EXIT))).toEqual(['machine', 'datacenter-network']);
    expect(verdict(await openFrom(alice, OTHER_AWS))).toEqual(['machine', 'datacenter-network']);
    expect((await openFrom(alice, VPN_EXIT, UA.headlessChrome)).label).toBe('machine');

    const listed = await json<TeamNetworksResponse>(await list(bob));
    expect(listed).toEqual({ networks: [expect.objectContaining({ cidr: '3.80.12.0/24', label: 'Paris VPN' })], limit: 100 });

    expect((await remove(bob, '3.80.12.77/24')).status).toBe(200);
    expect(verdict(await openFrom(alice, VPN_EXIT))).toEqual(['machine', 'datacenter-network']);
    expect((await json<TeamNetworksResponse>(await list(alice))).networks).toEqual([]);
  });

  it("never shows or removes another team's networks", async () => {
    expect((await add(alice, { cidr: '2001:db8:77::/48' })).status).toBe(201);
    expect((await json<TeamNetworksResponse>(await list(carol))).networks).toEqual([]);
    const refused = await remove(carol, '2001:db8:77::/48');
    expect(refused.status).toBe(404);
    expect(await json<ErrorResponse>(refused)).toEqual({
      error: { code: 'network_not_listed', message: "2001:db8:77::/48 is not on the team's allow-list." },
    });
    expect((await json<TeamNetworksResponse>(await list(alice))).networks.map((network) => network.cidr)).toEqual(['2001:db8:77::/48']);
    expect((await remove(alice, '2001:db8:77::/48')).status).toBe(200);
  });

  it('refuses what cannot be allow-listed with a sentence', async () => {
    const wide = await add(alice, { cidr: '3.0.0.0/4' });
    expect(wide.status).toBe(400);
    expect((await json<ErrorResponse>(wide)).error).toMatchObject({
      code: 'invalid_network',
      message: expect.stringContaining('body.cidr: A /4 network is too wide to allow-list: the widest accepted is /8'),
    });
    const wrong = await add(alice, { cidr: 'the office' });
    expect((await json<ErrorResponse>(wrong)).error.message).toMatch(/^body\.cidr: This is not a network/);
    expect((await add(alice, { label: 'no network' })).status).toBe(400);
    expect((await add(alice, { cidr: '198.51.100.0/24', label: 'x'.repeat(101) })).status).toBe(400);
    const tabbed = await add(alice, { cidr: '198.51.100.0/24', label: 'Paris\tVPN' });
    expect((await json<ErrorResponse>(tabbed)).error.message).toBe(
      'body.label: must be one line of text, without tabs or other control characters',
    );

    expect((await add(alice, { cidr: '198.51.100.0/24' })).status).toBe(201);
    const again = await add(alice, { cidr: '198.51.100.5/24' });
    expect(again.status).toBe(409);
    expect((await json<ErrorResponse>(again)).error).toEqual({
      code: 'network_exists',
      message: "198.51.100.0/24 is already on the team's allow-list.",
    });
    expect((await remove(alice, 'nowhere')).status).toBe(400);
    expect((await fetch(`${server.baseUrl}${url}`)).status).toBe(401);
  });
});
