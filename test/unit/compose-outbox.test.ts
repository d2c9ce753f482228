// The background outbox on fake-indexeddb: delivery, exponential backoff while the server is
// down, ids that follow the registration, permanent refusals, and a "browser restart" (a new
// database instance and a new Outbox on the same IndexedDB) that still delivers.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailRegistration } from '../../src/shared/api-schemas.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { OutboxDb, pruneSentBefore, sentTokens, type EmailIds } from '../../src/extension/data/outbox-db.ts';
import { Outbox, OutboxRejected, backoffDelay, type OutboxTransport } from '../../src/extension/background/outbox/outbox.ts';

let dbName: string;
let dbCount = 0;
const opened: OutboxDb[] = [];

interface Call {
  kind: 'register' | 'patch';
  token: string;
  body: EmailRegistration | EmailIds;
}

/** A transport that records calls and fails while `down` is true. */
function fakeServer() {
  const state = { down: false, reject: null as string | null, calls: [] as Call[] };
  const transport: OutboxTransport = {
    async register(body) {
      state.calls.push({ kind: 'register', token: body.token, body });
      if (state.reject) throw new OutboxRejected(state.reject);
      if (state.down) throw new Error('Cannot reach the Glint server');
    },
    async updateIds(token, ids) {
      state.calls.push({ kind: 'patch', token, body: ids });
      if (state.down) throw new Error('Cannot reach the Glint server');
    },
    async enrol() {
      throw new Error('not expected here (compose-outbox-enrol.test.ts)');
    },
  };
  return { state, transport };
}

function setup(server = fakeServer(), start = 1_000_000) {
  const clock = { now: start };
  const db = new OutboxDb(dbName);
  opened.push(db);
  const scheduled: (number | null)[] = [];
  const rejected: string[] = [];
  const outbox = new Outbox({
    db,
    transport: server.transport,
    now: () => clock.now,
    schedule: (at) => scheduled.push(at),
    onRejected: (entry, reason) => rejected.push(`${entry.token}: ${reason}`),
  });
  return { db, outbox, clock, scheduled, rejected, server };
}

const registration = (overrides: Partial<EmailRegistration> = {}): EmailRegistration => ({
  token: mintEmailToken(),
  subject: 'Proposal',
  to: ['buyer@customer.example'],
  openTracking: true,
  clickTracking: true,
  links: [{ index: 0, url: 'https://example.com/pricing' }],
  ...overrides,
});

beforeEach(() => {
  dbName = `outbox-test-${dbCount++}`;
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await new OutboxDb(dbName).delete();
});

describe('outbox', () => {
  it('registers a sent email and forgets it once acknowledged', async () => {
    const { outbox, db, server, scheduled } = setup();
    const email = registration();
    await outbox.enqueue(email);
    await outbox.flush();
    expect(server.state.calls).toEqual([{ kind: 'register', token: email.token, body: email }]);
    expect(await db.entries.count()).toBe(0);
    expect(scheduled.at(-1)).toBeNull();
    expect(await sentTokens(db, [email.token, mintEmailToken()])).toEqual([email.token]);
  });

  it('retries with exponential backoff while the server is down, then delivers', async () => {
    const { outbox, db, server, clock, scheduled } = setup();
    server.state.down = true;
    const email = registration();
    await outbox.enqueue(email);
    await outbox.flush();
    const start = clock.now;
    expect(scheduled.at(-1)).toBe(start + backoffDelay(1));
    // Not due yet: nothing is sent.
    clock.now += backoffDelay(1) - 1;
    await outbox.flush();
    expect(server.state.calls).toHaveLength(1);
    clock.now += 1;
    await outbox.flush();
    expect(server.state.calls).toHaveLength(2);
    expect(scheduled.at(-1)).toBe(clock.now + backoffDelay(2));
    expect(backoffDelay(2)).toBe(2 * backoffDelay(1));
    const row = await db.entries.get(email.token);
    expect(row).toMatchObject({ attempts: 2, registered: 0, lastError: 'Cannot reach the Glint server' });
    server.state.down = false;
    clock.now += backoffDelay(2);
    await outbox.flush();
    expect(server.state.calls.map((call) => call.kind)).toEqual(['register', 'register', 'register']);
    expect(await db.entries.count()).toBe(0);
  });

  it('still registers an email whose ids were handled first (messages answered out of order)', async () => {
    const { outbox, db, server } = setup();
    server.state.down = true; // keep both in the outbox until both are queued
    const email = registration();
    await outbox.updateIds(email.token, { gmailThreadId: 't1', gmailMessageId: 'm1' });
    await outbox.enqueue(email);
    server.state.down = false;
    await db.entries.update(email.token, { nextAttemptAt: 0 });
    await outbox.flush();
    const delivered = server.state.calls.filter((call) => call.kind === 'register');
    expect(delivered.at(-1)?.body).toEqual({ ...email, gmailThreadId: 't1', gmailMessageId: 'm1' });
    expect(await db.entries.count()).toBe(0);
  });

  it('caps the backoff at an hour', () => {
    expect(backoffDelay(1)).toBe(5_000);
    expect(backoffDelay(30)).toBe(60 * 60_000);
  });

  it('sends ids learned before the registration went out with it, later ones as a PATCH', async () => {
    const { outbox, server } = setup();
    server.state.down = true;
    const email = registration();
    await outbox.enqueue(email);
    await outbox.flush();
    await outbox.updateIds(email.token, { gmailThreadId: 't1', gmailMessageId: 'm1' });
    server.state.down = false;
    await outbox.flush(); // updateIds made it due again at once
    const last = server.state.calls.at(-1);
    expect(last).toMatchObject({ kind: 'register', body: { token: email.token, gmailThreadId: 't1', gmailMessageId: 'm1' } });
    await outbox.updateIds(email.token, { rfcMessageId: '<abc@mail.gmail.com>' });
    await outbox.flush();
    expect(server.state.calls.at(-1)).toEqual({ kind: 'patch', token: email.token, body: { rfcMessageId: '<abc@mail.gmail.com>' } });
    // Ids arriving after the entry was acknowledged and removed are PATCHed on their own.
    await outbox.updateIds(email.token, { gmailMessageId: 'm2' });
    await outbox.flush();
    expect(server.state.calls.at(-1)).toEqual({ kind: 'patch', token: email.token, body: { gmailMessageId: 'm2' } });
  });

  it('drops an email the server refuses for good and reports it', async () => {
    const { outbox, db, server, rejected } = setup();
    server.state.reject = 'This email token belongs to another user';
    const email = registration();
    await outbox.enqueue(email);
    await outbox.flush();
    expect(await db.entries.count()).toBe(0);
    expect(rejected).toEqual([`${email.token}: This email token belongs to another user`]);
  });

  it('survives a browser restart: a new instance on the same IndexedDB delivers what was owed', async () => {
    const first = setup();
    first.server.state.down = true;
    const email = registration();
    await first.outbox.enqueue(email);
    await first.outbox.flush();
    first.db.close();

    const server = fakeServer();
    const second = setup(server, first.clock.now + 60 * 60_000);
    await second.outbox.flush();
    expect(server.state.calls).toEqual([{ kind: 'register', token: email.token, body: email }]);
    expect(await second.db.entries.count()).toBe(0);
  });

  it('prunes old sent records', async () => {
    const { outbox, db, clock } = setup();
    const old = registration();
    await outbox.enqueue(old);
    clock.now += 10_000;
    const recent = registration();
    await outbox.enqueue(recent);
    await outbox.flush();
    expect(await pruneSentBefore(db, clock.now - 5_000)).toBe(1);
    expect(await sentTokens(db, [old.token, recent.token])).toEqual([recent.token]);
  });
});
