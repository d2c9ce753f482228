// Feed cursors are opaque and bound to their user: the store's sequence behind them moves with
// every team's activity, and a number in the answer told Alice how busy Bob's team was. Cursors
// now carry no readable position, differ even for the same position, and are read only for the
// user they were given to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { cursorSeq, json, openPixel, readFeed, registerEmail } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser('alice@acme.example', { team: 'acme' });
  bob = await server.addUser('bob@other.example', { team: 'other' });
});
afterAll(() => server.close());

describe('feed cursors', () => {
  it("show nothing of another team's activity", async () => {
    const { cursor: first } = await readFeed(server, alice);
    const { token } = await registerEmail(server, bob);
    for (let n = 0; n < 5; n++) await openPixel(server, token);
    const { events, cursor: second } = await readFeed(server, alice, `?cursor=${first}`);
    expect(events).toEqual([]);
    // Sealed: a version, then only base64url (the 12-byte IV, the ciphertext, the 16-byte tag),
    // no readable part. (Digits between two "_" of that random text are not a position.)
    for (const cursor of [first, second]) expect(cursor).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    // Not even whether something happened: the same position gives a different cursor each time.
    const again = await readFeed(server, alice, `?cursor=${second}`);
    expect(again.cursor).not.toBe(second);
    expect(cursorSeq(server, alice, again.cursor)).toBe(cursorSeq(server, alice, second));
  });

  it("give a user nothing when they pass another user's cursor", async () => {
    const { token } = await registerEmail(server, bob);
    const { cursor: bobs } = await readFeed(server, bob);
    await openPixel(server, token);
    expect((await readFeed(server, bob, `?cursor=${bobs}`)).events).toHaveLength(1);
    expect((await readFeed(server, alice, `?cursor=${bobs}`)).events).toEqual([]);
    const history = await fetch(`${server.baseUrl}/api/v1/feed?before=${bobs}`, { headers: alice.headers });
    expect(history.status).toBe(400);
    expect((await json<{ error: { message: string } }>(history)).error.message).toBe('before must be a cursor the feed returned to you');
  });

  it('hand out opaque cursors per event, and still read the bare numbers of older clients', async () => {
    const { token } = await registerEmail(server, alice);
    await openPixel(server, token);
    const page = await readFeed(server, alice, '?cursor=0');
    expect(page.events.length).toBeGreaterThan(0);
    for (const event of page.events) expect(event.cursor).not.toMatch(/^\d+$/);
    expect(page.cursor).not.toMatch(/^\d+$/);
  });
});
