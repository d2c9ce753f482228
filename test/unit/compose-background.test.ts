// The service worker's compose handlers against the REAL server (127.0.0.1, SQLite) with the
// outbox on fake-indexeddb: the compose context, registration and ids through the outbox,
// self-view beacons, refusals recorded for the options page, and a server that is down.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { authStorage, type AuthStorage } from '../../src/extension/data/auth-state.ts';
import { OutboxDb } from '../../src/extension/data/outbox-db.ts';
import { readSendFailures } from '../../src/extension/data/send-failures.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/extension/data/settings.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import { Outbox } from '../../src/extension/background/outbox/outbox.ts';
import { createComposeHandlers } from '../../src/extension/background/compose-handlers.ts';
import { glintHttp } from '../../src/extension/background/signed-in-http.ts';
import type { MessageHandlers } from '../../src/extension/background/router.ts';
import { outboxTransport, recordRejection } from '../../src/extension/background/outbox/start-outbox.ts';
import { signedInStorage } from '../support/signed-in-storage.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

let server: TestServer;
let rep: TestUser;
let dbCount = 0;
const dbs: OutboxDb[] = [];

beforeAll(async () => {
  server = await startServer();
  rep = await server.addUser('rep@seller.example');
});
afterAll(() => server.close());
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const signedIn = (user: TestUser, serverUrl = server.baseUrl): Promise<AuthStorage> => signedInStorage(user, serverUrl);

/** A fresh outbox database, deleted after the test. */
function outboxDb(): OutboxDb {
  const db = new OutboxDb(`compose-bg-${dbCount++}`);
  dbs.push(db);
  return db;
}

function background(storage: AuthStorage, settings: Settings = DEFAULT_SETTINGS) {
  const db = outboxDb();
  const http = glintHttp(storage, fetch);
  const local = memoryArea();
  const scheduled: (number | null)[] = [];
  const outbox = new Outbox({ db, transport: outboxTransport(http), now: () => Date.now(), schedule: (at) => scheduled.push(at) });
  const handlers = createComposeHandlers({
    http,
    outbox,
    db,
    local,
    readSettings: async () => settings,
    deviceId: async () => mintId('device'),
  });
  return { db, http, local, outbox, handlers, scheduled };
}

/** The registration as the handler receives it, validated (defaults filled in). */
type Registration = Parameters<MessageHandlers['outbox.register']>[0];

/** What the compose registers at send, tracked, to nobody and without links unless `fields` say. */
const registration = (token: string, subject: string, fields: Partial<Registration> = {}): Registration => ({
  token,
  subject,
  to: [],
  cc: [],
  bcc: [],
  openTracking: true,
  clickTracking: true,
  links: [],
  ...fields,
});

/** The compose registers the email and the outbox makes its first attempt. */
async function register({ handlers, outbox }: ReturnType<typeof background>, token: string, subject: string): Promise<void> {
  await handlers['outbox.register'](registration(token, subject));
  await outbox.flush();
}

/** `user` is now signed in (on the real server) and the email's next attempt is due. */
async function retryAs(storage: AuthStorage, user: TestUser, db: OutboxDb, token: string): Promise<void> {
  const auth = await (await signedIn(user)).auth.read();
  if (!auth) throw new Error('no auth');
  await storage.auth.write(auth);
  await db.entries.update(token, { nextAttemptAt: 0 });
}

const getEmail = async (token: string, user = rep): Promise<Response> =>
  fetch(`${server.baseUrl}/api/v1/emails/${token}`, { headers: user.headers });

describe('compose handlers against the real server', () => {
  it('gives the compose its tracking URL, signing key and the options defaults', async () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      tracking: { opens: false, clicks: true },
      privacy: { ...DEFAULT_SETTINGS.privacy, excludedDomains: ['partner.example'] },
    };
    const { handlers } = background(await signedIn(rep), settings);
    const context = await handlers['compose.context']({});
    expect(context).toEqual({
      signedIn: true,
      userEmail: 'rep@seller.example',
      trackingBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      signingKey: rep.signingKey,
      tracking: { opens: false, clicks: true },
      excludedDomains: ['partner.example'],
    });
    expect(await background(authStorage(memoryArea())).handlers['compose.context']({})).toEqual({ signedIn: false });
  });

  it('registers a sent email through the outbox, then its Gmail ids and RFC Message-ID', async () => {
    const { handlers, outbox, db } = background(await signedIn(rep));
    const token = mintEmailToken(rep.signingKey);
    await handlers['outbox.register'](
      registration(token, 'Pricing', { to: ['ann@customer.example'], links: [{ index: 0, url: 'https://seller.example/pricing' }] }),
    );
    await outbox.flush();
    await handlers['outbox.updateIds']({ token, gmailThreadId: '18c0', gmailMessageId: '18c1' });
    await outbox.flush();
    await handlers['outbox.updateIds']({ token, rfcMessageId: '<CAF=x9aB@mail.gmail.com>' });
    await outbox.flush();
    const email = (await (await getEmail(token)).json()) as Record<string, unknown>;
    expect(email).toMatchObject({
      token,
      subject: 'Pricing',
      to: ['ann@customer.example'],
      gmailThreadId: '18c0',
      gmailMessageId: '18c1',
      // The server keeps RFC Message-IDs normalised: no angle brackets, lowercase.
      rfcMessageId: 'caf=x9ab@mail.gmail.com',
    });
    expect(await db.entries.count()).toBe(0);
  });

  it('keeps the registration while the server is down and delivers it when it is back', async () => {
    const storage = await signedIn(rep, 'http://127.0.0.1:9'); // nothing listens on the discard port
    const worker = background(storage);
    const { outbox, db, scheduled } = worker;
    const token = mintEmailToken(rep.signingKey);
    await register(worker, token, 'Offline');
    expect(await db.entries.get(token)).toMatchObject({ attempts: 1, registered: 0, lastError: expect.stringContaining('Cannot reach') });
    expect(scheduled.at(-1)).toBeGreaterThan(Date.now());
    // The server is reachable again (same storage, now pointing at it) and the entry is due.
    await retryAs(storage, rep, db, token);
    await outbox.flush();
    expect((await getEmail(token)).status).toBe(200);
    expect(await db.entries.count()).toBe(0);
  });

  it('delivers an email only as its sender: it waits while someone else is signed in on this browser', async () => {
    const colleague = await server.addUser();
    const storage = await signedIn(rep, 'http://127.0.0.1:9'); // down when the rep sends
    const worker = background(storage);
    const { outbox, db } = worker;
    const token = mintEmailToken(rep.signingKey);
    await register(worker, token, 'Rep only');
    // A colleague signs in on the same browser (server reachable again): not under their account.
    await retryAs(storage, colleague, db, token);
    await outbox.flush();
    expect((await getEmail(token, colleague)).status).toBe(404);
    expect(await db.entries.get(token)).toMatchObject({ registered: 0, lastError: expect.stringContaining('sender') });
    // The rep signs in again: the email is registered under the rep.
    await retryAs(storage, rep, db, token);
    await outbox.flush();
    expect((await getEmail(token)).status).toBe(200);
    expect(await db.entries.count()).toBe(0);
  });

  it('drops and records a registration the server refuses for good (token of another user)', async () => {
    const other = await server.addUser();
    const token = mintEmailToken(other.signingKey);
    const first = background(await signedIn(other));
    await register(first, token, 'Theirs');
    const db = outboxDb();
    const local = memoryArea();
    const http = glintHttp(await signedIn(rep), fetch);
    const record = recordRejection(local);
    let recorded: Promise<void> | null = null;
    const outbox = new Outbox({
      db,
      transport: outboxTransport(http),
      now: () => Date.now(),
      schedule: () => undefined,
      onRejected: (entry, reason) => (recorded = record(entry, reason)),
    });
    await outbox.enqueue(registration(token, 'Mine?'));
    await outbox.flush();
    expect(await db.entries.count()).toBe(0);
    expect(recorded).not.toBeNull();
    await recorded;
    expect(await readSendFailures(local)).toMatchObject([
      { reason: 'rejected', subject: 'Mine?', detail: expect.stringContaining('not made with your signing key') },
    ]);
  });

  it("sends a self-view beacon for the rep's own emails only", async () => {
    const worker = background(await signedIn(rep));
    const { handlers } = worker;
    const mine = mintEmailToken(rep.signingKey);
    const unknown = mintEmailToken();
    await register(worker, mine, 'x');
    const since = new Date(Date.now() - 1000);
    expect(await handlers['selfView.report']({ tokens: [mine, unknown], sentByMe: false })).toEqual({ mine: [mine] });
    const views = (token: string) => server.context.store.listSelfViews(token, rep.user.id, since);
    expect(await views(mine)).toHaveLength(1);
    expect(await views(unknown)).toHaveLength(0);
    // Sent by the rep and not registered yet: the server takes it when the token is bound to the
    // rep's key, and refuses a token nobody can own.
    const unregistered = mintEmailToken(rep.signingKey);
    expect(await handlers['selfView.report']({ tokens: [unregistered, unknown], sentByMe: true })).toEqual({
      mine: [unregistered, unknown],
    });
    expect(await views(unregistered)).toHaveLength(1);
    expect(await views(unknown)).toHaveLength(0);
  });

  it('records what the compose reports as a send failure, newest first', async () => {
    const { handlers, local } = background(await signedIn(rep));
    await handlers['compose.reportFailure']({ reason: 'instrument-error', detail: 'boom', subject: 'Q3' });
    await handlers['compose.reportFailure']({ reason: 'signed-out', detail: 'Not signed in to Glint' });
    expect((await readSendFailures(local)).map((failure) => failure.reason)).toEqual(['signed-out', 'instrument-error']);
  });
});
