// Email registration: idempotent by token, owned by one user, readable by that user only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json, openPixel, readFeed, registerEmail } from './helpers.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser();
  bob = await server.addUser();
});
afterAll(() => server.close());

describe('POST /api/v1/emails', () => {
  it('creates once (201) and answers a retry with the same email (200)', async () => {
    const links = [{ index: 0, url: 'https://example.com/pricing' }];
    const first = await registerEmail(server, alice, { subject: 'Pricing', cc: ['Boss@Example.org'], links });
    expect(first.response.status).toBe(201);
    const created = await json<Record<string, unknown>>(first.response);
    expect(created).toMatchObject({ token: first.token, subject: 'Pricing', cc: ['boss@example.org'], links });
    expect(created.pixelUrl).toBe(`${server.baseUrl}/t/o/${first.token}.gif`);

    const retry = await registerEmail(server, alice, { token: first.token, subject: 'Changed on retry' });
    expect(retry.response.status).toBe(200);
    expect(await json(retry.response)).toEqual(created);
  });

  it('refuses tracked links that are not http(s), naming the link', async () => {
    for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'not a url']) {
      const { response } = await registerEmail(server, alice, {
        links: [
          { index: 0, url: 'https://example.com/' },
          { index: 1, url },
        ],
      });
      expect(response.status).toBe(400);
      expect((await json<{ error: { message: string } }>(response)).error.message).toBe('body.links.1.url: must be an http(s) URL');
    }
  });

  it('still reads an email stored with a link the registration now refuses', async () => {
    // Registered before links had to be http(s): the answer describes what is stored.
    const { token } = await registerEmail(server, alice);
    const stored = await server.context.store.getEmail(token);
    if (!stored) throw new Error('not stored');
    const old = { ...stored, token: mintEmailToken(), links: [{ index: 0, url: 'javascript:void(0)' }] };
    await server.context.store.registerEmail(old);
    const read = await fetch(`${server.baseUrl}/api/v1/emails/${old.token}`, { headers: alice.headers });
    expect(read.status).toBe(200);
    expect(await json(read)).toMatchObject({ links: [{ index: 0, url: 'javascript:void(0)' }] });
  });

  it("refuses another user's token with 403 and does not leak the email", async () => {
    const { token } = await registerEmail(server, alice, { subject: 'Secret deal' });
    const stolen = await registerEmail(server, bob, { token });
    expect(stolen.response.status).toBe(403);
    const answer = JSON.stringify(await stolen.response.json());
    expect(answer).not.toContain('Secret deal');
    expect(answer).toContain('token_not_yours');
  });

  it('keeps a token seen in a pixel URL for its sender: nobody else can register it first', async () => {
    // A recipient with an account on this server reads the token off the pixel before the
    // sender's outbox registered it, and tries to claim the email and its early opens.
    const token = mintEmailToken(alice.signingKey);
    await openPixel(server, token);
    const squatted = await registerEmail(server, bob, { token, subject: 'Mine now' });
    expect(squatted.response.status).toBe(403);
    expect((await readFeed(server, bob)).events.some((event) => event.email.token === token)).toBe(false);
    const { response } = await registerEmail(server, alice, { token, subject: 'Proposal' });
    expect(response.status).toBe(201);
    const early = (await readFeed(server, alice)).events.filter((event) => event.email.token === token);
    expect(early.map((event) => [event.kind, event.email.subject])).toEqual([['open', 'Proposal']]);
  });

  it('refuses a token minted without a signing key', async () => {
    const { response } = await registerEmail(server, alice, { token: mintEmailToken() });
    expect(response.status).toBe(403);
    expect((await json<{ error: { message: string } }>(response)).error.message).toContain('not made with your signing key');
  });
});

describe('GET and PATCH /api/v1/emails/:token', () => {
  it('lets the owner read and update the ids, and answers 404 to anyone else', async () => {
    const { token } = await registerEmail(server, alice);
    const patch = await fetch(`${server.baseUrl}/api/v1/emails/${token}`, {
      method: 'PATCH',
      headers: alice.headers,
      body: JSON.stringify({ gmailThreadId: '18c1', rfcMessageId: '<abc@mail.gmail.com>' }),
    });
    expect(patch.status).toBe(200);
    const read = await fetch(`${server.baseUrl}/api/v1/emails/${token}`, { headers: alice.headers });
    // The store keeps RFC Message-IDs normalised (no angle brackets, lowercase).
    expect(await json(read)).toMatchObject({ gmailThreadId: '18c1', rfcMessageId: 'abc@mail.gmail.com', gmailMessageId: null });

    expect((await fetch(`${server.baseUrl}/api/v1/emails/${token}`, { headers: bob.headers })).status).toBe(404);
    const bobPatch = await fetch(`${server.baseUrl}/api/v1/emails/${token}`, {
      method: 'PATCH',
      headers: bob.headers,
      body: JSON.stringify({ gmailThreadId: 'hijack' }),
    });
    expect(bobPatch.status).toBe(404);
    expect(await json(await fetch(`${server.baseUrl}/api/v1/emails/${token}`, { headers: alice.headers }))).toMatchObject({
      gmailThreadId: '18c1',
    });
  });
});
