// Cloud and hosting networks through the real server: a desktop Chrome pixel fetch from AWS or
// Azure, or an open from Exchange Online Protection, is stored machine / datacenter-network with the
// provider in its details, and the feed shows it only with includeMachine; a reader at home stays
// human. Client addresses are set with X-Forwarded-For (the server runs with TRUST_PROXY=true).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { IP } from '../../fixtures/hits/real-world.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { openPixel, readFeed, registerEmail } from './helpers.ts';

const HOUR_AGO = (): string => new Date(Date.now() - 3_600_000).toISOString();
const AWS_ADDRESS = '3.80.12.1';
const AZURE_ADDRESS = '20.42.65.92';

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  alice = await server.addUser();
});
afterAll(() => server.close());

async function openFrom(token: string, ip: string): Promise<void> {
  const response = await openPixel(server, token, { 'x-forwarded-for': ip });
  expect(response.status).toBe(200);
}

/** Reads the feed until it holds `count` events of the token (the pixel answers before its commit). */
async function eventsOf(token: string, count: number, query: string): Promise<FeedEvent[]> {
  let cursor = '0';
  const seen: FeedEvent[] = [];
  while (seen.length < count) {
    const page = await readFeed(server, alice, `?cursor=${cursor}&wait=5&${query}`);
    seen.push(...page.events.filter((event) => event.email.token === token));
    if (page.events.length === 0) break;
    cursor = String(page.cursor);
  }
  return seen;
}

describe('opens from cloud and hosting networks', () => {
  it('labels them machine, names the provider, and keeps them out of the human feed', async () => {
    const { token } = await registerEmail(server, alice, { sentAt: HOUR_AGO() });
    await openFrom(token, AWS_ADDRESS);
    await openFrom(token, AZURE_ADDRESS);
    await openFrom(token, IP.microsoftEop);
    await openFrom(token, IP.home);

    const all = await eventsOf(token, 4, 'includeMachine=true');
    expect(all.map((event) => [event.label, event.reason, event.details?.network])).toEqual([
      ['machine', 'datacenter-network', 'AWS'],
      ['machine', 'datacenter-network', 'Microsoft Azure'],
      ['machine', 'datacenter-network', 'Microsoft Exchange Online'],
      ['human', 'no-machine-signal', undefined],
    ]);
    const humans = await eventsOf(token, 1, 'includeMachine=false');
    expect(humans.map((event) => event.label)).toEqual(['human']);
  });
});
