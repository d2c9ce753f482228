// Hits of a token nobody has registered yet, sent alternately to two real `glint serve` processes on
// one PostgreSQL database: the instances share one per-token count (store/orphan-hit-store.ts), so
// what is kept stops at exactly the ORPHAN_HITS_PER_TOKEN one instance keeps, not twice that; on
// registration the kept hits attach to the email with the labels one instance gives them.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { authorized, openPixel, readFeed } from '../../support/cluster-feed.ts';
import { startGlintCluster, type GlintCluster } from '../../support/glint-cluster.ts';

const PER_TOKEN = 5;
const HITS = 12;
let cluster: GlintCluster;
let apiToken = '';
let db: pg.Client;
const urlOf = (index: number): string => cluster.instances[index]?.url ?? '';

beforeAll(async () => {
  cluster = await startGlintCluster({
    instances: 2,
    env: { MAILBOX_WATCH: 'off', ORPHAN_HITS_PER_TOKEN: String(PER_TOKEN), ORPHAN_HITS_PER_ADDRESS_PER_MINUTE: '1000' },
  });
  apiToken = await cluster.addUser('rep@orphans.example');
  db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await cluster?.stop();
});

/** A token the rep's extension would mint, not registered anywhere yet. */
async function unregisteredToken(): Promise<string> {
  const me = (await (await fetch(`${urlOf(0)}/api/v1/me`, { headers: authorized(apiToken) })).json()) as {
    signingKey: { id: string; secret: string };
  };
  return mintEmailToken(me.signingKey);
}

async function register(baseUrl: string, token: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: authorized(apiToken),
    body: JSON.stringify({ token, subject: 'Proposal', to: ['buyer@example.org'] }),
  });
  expect(response.status).toBe(201);
}

/** Stored hits of the token: without an owner, and attached to one. */
async function storedHits(token: string): Promise<{ orphans: number; owned: number }> {
  const { rows } = await db.query<{ orphans: string; owned: string }>(
    `SELECT count(*) FILTER (WHERE user_id IS NULL) AS orphans, count(*) FILTER (WHERE user_id IS NOT NULL) AS owned
     FROM events WHERE email_token = $1`,
    [token],
  );
  return { orphans: Number(rows[0]?.orphans), owned: Number(rows[0]?.owned) };
}

/** The rep's feed entries of one email, machine ones included: kind and label, oldest first. */
async function feedOf(token: string): Promise<string[]> {
  const page = await readFeed(urlOf(0), apiToken, '?includeMachine=true&limit=100');
  return page.events
    .filter((event) => event.email.token === token)
    .map((event) => `${event.kind}:${event.label}`)
    .reverse();
}

describe('orphan hit caps across two instances', () => {
  it('keeps exactly the per-token cap of hits alternating between instances, then attaches them as one instance does', async () => {
    const single = await unregisteredToken();
    const alternating = await unregisteredToken();
    for (let n = 0; n < HITS; n++) {
      // The pixel's answer never depends on the cap; it comes once the hit is durable (or dropped).
      expect(await openPixel(urlOf(0), single)).toBe(200);
      expect(await openPixel(urlOf(n % 2), alternating)).toBe(200);
    }
    expect(await storedHits(single)).toEqual({ orphans: PER_TOKEN, owned: 0 });
    expect(await storedHits(alternating)).toEqual({ orphans: PER_TOKEN, owned: 0 });

    await register(urlOf(0), single);
    await register(urlOf(1), alternating);
    expect(await storedHits(single)).toEqual({ orphans: 0, owned: PER_TOKEN });
    expect(await storedHits(alternating)).toEqual({ orphans: 0, owned: PER_TOKEN });
    const [alone, shared] = [await feedOf(single), await feedOf(alternating)];
    expect(alone).toHaveLength(PER_TOKEN);
    expect(shared).toEqual(alone);
    // Attached, the token no longer counts against the caps.
    const { rows } = await db.query('SELECT token FROM orphan_hit_counts WHERE token = ANY($1)', [[single, alternating]]);
    expect(rows).toEqual([]);
  });
});
