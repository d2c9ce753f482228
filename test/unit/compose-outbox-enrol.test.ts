// The outbox's follow-up enrolment (fake-indexeddb): it waits for the email's registration and
// ids, is retried with backoff while the server is down, survives a registration queued after it
// (messages answered out of order), and a refusal for good is reported without losing the email.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailRegistration } from '../../src/shared/api-schemas.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { mintId } from '../../src/shared/ids.ts';
import { OutboxDb } from '../../src/extension/data/outbox-db.ts';
import { EnrolmentRefused, Outbox, backoffDelay, type OutboxTransport } from '../../src/extension/background/outbox/outbox.ts';

let dbName: string;
let dbCount = 0;
const opened: OutboxDb[] = [];

function setup() {
  const state = { down: false, refuse: null as string | null, calls: [] as string[] };
  const transport: OutboxTransport = {
    async register(body) {
      state.calls.push(`register ${body.token}`);
      if (state.down) throw new Error('Cannot reach the Glint server');
    },
    async updateIds(token, ids) {
      state.calls.push(`patch ${token} ${Object.keys(ids).join(',')}`);
      if (state.down) throw new Error('Cannot reach the Glint server');
    },
    async enrol(token, campaignId) {
      state.calls.push(`enrol ${token} ${campaignId}`);
      if (state.refuse) throw new EnrolmentRefused(state.refuse);
      if (state.down) throw new Error('Cannot reach the Glint server');
    },
  };
  const clock = { now: 1_000_000 };
  const db = new OutboxDb(dbName);
  opened.push(db);
  const refused: string[] = [];
  const outbox = new Outbox({
    db,
    transport,
    now: () => clock.now,
    schedule: () => undefined,
    onEnrolmentRefused: (entry, reason) => refused.push(`${entry.token}: ${reason}`),
  });
  return { db, outbox, clock, state, refused };
}

const registration = (): EmailRegistration => ({ token: mintEmailToken(), subject: 'Proposal', to: ['buyer@customer.example'], links: [] });
const CAMPAIGN = mintId('campaign');

beforeEach(() => {
  dbName = `outbox-enrol-test-${dbCount++}`;
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await new OutboxDb(dbName).delete();
});

describe('follow-up enrolment in the outbox', () => {
  it('enrols after the registration and the ids, then forgets the email', async () => {
    const { outbox, db, state } = setup();
    state.down = true;
    const email = registration();
    await outbox.enqueue(email);
    await outbox.updateIds(email.token, { gmailThreadId: 't1' });
    await outbox.enrol(email.token, CAMPAIGN);
    state.down = false;
    await db.entries.update(email.token, { nextAttemptAt: 0 });
    await outbox.flush();
    expect(state.calls.slice(-2)).toEqual([`register ${email.token}`, `enrol ${email.token} ${CAMPAIGN}`]);
    expect(await db.entries.count()).toBe(0);
  });

  it('retries the enrolment with backoff while the server is down; the email stays registered', async () => {
    const { outbox, db, state, clock } = setup();
    const email = registration();
    await outbox.enqueue(email);
    await outbox.flush();
    state.down = true;
    await outbox.enrol(email.token, CAMPAIGN);
    await outbox.flush();
    expect(await db.entries.get(email.token)).toMatchObject({ registered: 1, attempts: 1, enrolment: { campaignId: CAMPAIGN, done: 0 } });
    state.down = false;
    clock.now += backoffDelay(1);
    await outbox.flush();
    expect(state.calls.filter((call) => call.startsWith('enrol'))).toHaveLength(2);
    expect(state.calls.filter((call) => call.startsWith('register'))).toHaveLength(1);
    expect(await db.entries.count()).toBe(0);
  });

  it('keeps a follow-up queued before its registration (messages answered out of order)', async () => {
    const { outbox, db, state } = setup();
    state.down = true;
    const email = registration();
    await outbox.enrol(email.token, CAMPAIGN);
    await outbox.enqueue(email);
    expect(await db.entries.get(email.token)).toMatchObject({ registered: 0, enrolment: { campaignId: CAMPAIGN, done: 0 } });
    state.down = false;
    await db.entries.update(email.token, { nextAttemptAt: 0 });
    await outbox.flush();
    expect(state.calls.slice(-2)).toEqual([`register ${email.token}`, `enrol ${email.token} ${CAMPAIGN}`]);
    expect(await db.entries.count()).toBe(0);
  });

  it('reports a refused enrolment once and still delivers the ids learned later', async () => {
    const { outbox, db, state, refused } = setup();
    const email = registration();
    await outbox.enqueue(email);
    state.refuse = 'No such campaign';
    await outbox.enrol(email.token, CAMPAIGN);
    await outbox.flush();
    expect(refused).toEqual([`${email.token}: No such campaign`]);
    await outbox.updateIds(email.token, { rfcMessageId: '<a@b>' });
    await outbox.flush();
    expect(state.calls.filter((call) => call.startsWith('enrol'))).toHaveLength(1);
    expect(state.calls.at(-1)).toBe(`patch ${email.token} rfcMessageId`);
    expect(await db.entries.count()).toBe(0);
  });
});
