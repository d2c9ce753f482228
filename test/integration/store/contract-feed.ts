// Store contract: the feed (cursor pages forward, history pages backward, machine events on
// request, self events never), tenant isolation, and relabels on later evidence.
import { describe, expect, it } from 'vitest';
import type { FeedQuery, StoredEvent, Store } from '../../../src/server/store/store.ts';
import { ALICE, BOB, CAROL, at, click, emailRecord, hit, machine, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const ids = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);
const feed = (store: Store, query: Partial<FeedQuery> & { userId: string }): ReturnType<Store['readFeed']> =>
  store.readFeed({ limit: 50, includeMachine: true, ...query });

/** Alice's email with three human opens, one second apart, stored in that order. */
async function threeOpens(store: Store): Promise<[StoredEvent, StoredEvent, StoredEvent]> {
  const email = emailRecord(ALICE.id, { gmailThreadId: 'thread-9' });
  await store.registerEmail(email);
  const open = (ms: number): Promise<StoredEvent> => store.appendEvent(hit(email.token, { at: at(ms) }));
  return [await open(1000), await open(2000), await open(3000)];
}

export function feedContract(context: ContractContext): void {
  describe('feed', () => {
    it('is empty with head 0 in an empty store', async () => {
      expect(await feed(context.store, { userId: ALICE.id })).toEqual({ events: [], hasMore: false, head: 0 });
      expect(await feed(context.store, { userId: ALICE.id, after: 0 })).toEqual({ events: [], hasMore: false, head: 0 });
    });

    it('reads forward from a cursor, oldest first, page by page', async () => {
      const { store } = context;
      const [first, second, third] = await threeOpens(store);
      const page = await feed(store, { userId: ALICE.id, after: 0, limit: 2 });
      expect(ids(page.events)).toEqual(ids([first, second]));
      expect(page.hasMore).toBe(true);
      expect(page.head).toBe(third.seq);
      const next = await feed(store, { userId: ALICE.id, after: page.events.at(-1)?.seq, limit: 2 });
      expect(ids(next.events)).toEqual([third.id]);
      expect(next.hasMore).toBe(false);
      expect((await feed(store, { userId: ALICE.id, after: third.seq })).events).toEqual([]);
    });

    it('reads history backward, newest first, page by page', async () => {
      const { store } = context;
      const [first, second, third] = await threeOpens(store);
      const newest = await feed(store, { userId: ALICE.id, limit: 2 });
      expect(ids(newest.events)).toEqual(ids([third, second]));
      expect(newest.hasMore).toBe(true);
      const older = await feed(store, { userId: ALICE.id, before: newest.events.at(-1)?.seq, limit: 2 });
      expect(ids(older.events)).toEqual([first.id]);
      expect(older.hasMore).toBe(false);
    });

    it("carries each event's email summary, with ids added later, and never its bcc", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      await store.updateEmailIds(ALICE.id, email.token, { gmailThreadId: 'thread-late' });
      const stored = await store.appendEvent(click(email.token, 1));
      const [event] = (await feed(store, { userId: ALICE.id })).events;
      expect(event).toEqual({
        ...stored,
        email: {
          token: email.token,
          subject: email.subject,
          to: email.to,
          cc: email.cc,
          sentAt: email.sentAt,
          gmailThreadId: 'thread-late',
        },
      });
    });

    it('shows machine events only on request, and self events never', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const human = await store.appendEvent(hit(email.token, { at: at(1000) }));
      const proxy = await store.appendEvent(machine(email.token, { at: at(2000) }));
      await store.appendEvent(hit(email.token, { at: at(3000), label: 'self', reason: 'sender-device' }));
      for (const direction of [{}, { after: 0 }]) {
        expect(ids((await feed(store, { userId: ALICE.id, includeMachine: false, ...direction })).events).sort()).toEqual([human.id]);
        expect(ids((await feed(store, { userId: ALICE.id, includeMachine: true, ...direction })).events).sort()).toEqual(
          [human.id, proxy.id].sort(),
        );
      }
    });

    it('delivers every hit exactly once to a reader following the cursor during a burst', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      let settled = false;
      const burst = Promise.all(Array.from({ length: 200 }, (_, index) => store.appendEvent(hit(email.token, { at: at(index) })))).finally(
        () => {
          settled = true;
        },
      );
      const delivered: string[] = [];
      let cursor = 0;
      // Reads until the burst is over and one more read finds nothing new. Each read waits for
      // the event loop's next turn, as requests do: a store may commit on a later turn (SQLite's
      // group commit does), and back-to-back reads in one turn would starve it.
      for (let done = false; !done;) {
        await new Promise((resolve) => setImmediate(resolve));
        const wasSettled = settled;
        const page = await feed(store, { userId: ALICE.id, after: cursor, limit: 25 });
        delivered.push(...ids(page.events));
        cursor = page.events.at(-1)?.seq ?? cursor;
        done = wasSettled && page.events.length === 0;
      }
      const stored = await burst;
      expect(delivered).toHaveLength(200);
      expect(new Set(delivered)).toEqual(new Set(ids(stored)));
    });

    it("never shows a user another user's events, whatever the query", async () => {
      const { store } = context;
      const mine = emailRecord(ALICE.id);
      const teammates = emailRecord(BOB.id);
      const strangers = emailRecord(CAROL.id);
      for (const email of [mine, teammates, strangers]) await store.registerEmail(email);
      const own = await store.appendEvent(hit(mine.token));
      await store.appendEvent(hit(teammates.token));
      await store.appendEvent(machine(strangers.token));
      // A click on Carol's email signed with Alice's key is nobody's: not Alice's to read either.
      const head = await store.appendEvent(click(strangers.token, 0, { signerUserId: ALICE.id }));
      for (const query of [{}, { after: 0 }, { before: head.seq + 1 }]) {
        expect(ids((await feed(store, { userId: ALICE.id, ...query })).events)).toEqual([own.id]);
      }
      expect((await feed(store, { userId: ALICE.id })).head).toBe(head.seq);
    });
  });

  describe('relabels on later evidence', () => {
    it('gives relabelled events their new labels and larger seqs, and leaves unchanged ones where they are', async () => {
      const { store } = context;
      const [first, second] = await threeOpens(store);
      const bobs = emailRecord(BOB.id);
      await store.registerEmail(bobs);
      const other = await store.appendEvent(hit(bobs.token));
      const changed = await store.relabelEvents(ALICE.id, [
        { id: first.id, label: 'machine', reason: 'apple-mpp', repeat: true },
        { id: second.id, label: 'human', reason: 'no-machine-signal', repeat: true },
        { id: other.id, label: 'machine', reason: 'bot-ua', repeat: false },
      ]);
      expect(changed).toEqual([{ ...first, label: 'machine', reason: 'apple-mpp', repeat: true, seq: expect.any(Number) }]);
      expect(must(changed[0]).seq).toBeGreaterThan(other.seq);
      const delivered = await feed(store, { userId: ALICE.id, after: other.seq });
      expect(delivered.events.map((event) => [event.id, event.label])).toEqual([[first.id, 'machine']]);
      expect((await feed(store, { userId: BOB.id })).events.map((event) => event.label)).toEqual(['human']);
      expect(await store.relabelEvents(ALICE.id, [])).toEqual([]);
    });

    it('never relabels a self event', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const own = await store.appendEvent(hit(email.token, { label: 'self', reason: 'sender-device' }));
      expect(await store.relabelEvents(ALICE.id, [{ id: own.id, label: 'human', reason: 'no-machine-signal', repeat: false }])).toEqual([]);
      expect((await feed(store, { userId: ALICE.id, after: 0 })).events).toEqual([]);
    });

    it('re-delivers an event relabelled self once to cursor reads, and never in history pages', async () => {
      const { store } = context;
      const [earlier, middle, open] = await threeOpens(store);
      const delivered = await feed(store, { userId: ALICE.id, after: 0 });
      expect(ids(delivered.events)).toEqual(ids([earlier, middle, open]));
      const cursor = open.seq;
      expect(await store.lastHumanOpen(open.emailToken, at(0))).toEqual(open.at);

      const retracted = must(
        (await store.relabelEvents(ALICE.id, [{ id: open.id, label: 'self', reason: 'sender-self-view', repeat: false }]))[0],
      );
      expect(retracted).toEqual({ ...open, label: 'self', reason: 'sender-self-view', seq: expect.any(Number) });
      const again = await feed(store, { userId: ALICE.id, after: cursor });
      expect(again.events.map((event) => [event.id, event.label, event.seq])).toEqual([[open.id, 'self', retracted.seq]]);
      expect(retracted.seq).toBeGreaterThan(cursor);
      // Once only: a cursor past it, history pages and a fresh client never see it.
      expect((await feed(store, { userId: ALICE.id, after: retracted.seq })).events).toEqual([]);
      expect(ids((await feed(store, { userId: ALICE.id })).events)).toEqual(ids([middle, earlier]));
      expect(ids((await feed(store, { userId: ALICE.id, before: retracted.seq + 1 })).events)).toEqual(ids([middle, earlier]));
      // The open no longer counts as the recipient's.
      expect(await store.lastHumanOpen(open.emailToken, at(0))).toEqual(middle.at);
    });

    it('re-delivers an event relabelled machine once to cursor reads that leave machine events out', async () => {
      const { store } = context;
      const [earlier, middle, open] = await threeOpens(store);
      const withoutMachine = { userId: ALICE.id, includeMachine: false };
      expect(ids((await feed(store, { ...withoutMachine, after: 0 })).events)).toEqual(ids([earlier, middle, open]));

      const relabelled = must(
        (await store.relabelEvents(ALICE.id, [{ id: open.id, label: 'machine', reason: 'link-scanner-timing', repeat: false }]))[0],
      );
      // The client that holds it as human learns it is machine, once.
      const again = await feed(store, { ...withoutMachine, after: open.seq });
      expect(again.events.map((event) => [event.id, event.label])).toEqual([[open.id, 'machine']]);
      expect((await feed(store, { ...withoutMachine, after: relabelled.seq })).events).toEqual([]);
      // History pages without machine events and a fresh client never show it.
      expect(ids((await feed(store, withoutMachine)).events)).toEqual(ids([middle, earlier]));
      // A hit that was machine from the start never reached such a client: a new reason is not sent.
      const scan = await store.appendEvent(hit(open.emailToken, { label: 'machine', reason: 'bot-ua' }));
      const rescanned = must(
        (await store.relabelEvents(ALICE.id, [{ id: scan.id, label: 'machine', reason: 'link-scanner-timing', repeat: false }]))[0],
      );
      expect(rescanned.seq).toBeGreaterThan(scan.seq);
      expect((await feed(store, { ...withoutMachine, after: relabelled.seq })).events).toEqual([]);
    });
  });
}
