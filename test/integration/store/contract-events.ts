// Store contract: appending hits, orphans (hits before the email is registered) and what
// ingestion reads about earlier hits of an email (recent clicks, last human open, opens between).
import { describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type { StoredEvent } from '../../../src/server/store/store.ts';
import { ALICE, BOB, at, click, emailRecord, hit, machine } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const seqs = (events: readonly StoredEvent[]): number[] => events.map((event) => event.seq);

export function eventContract(context: ContractContext): void {
  describe('appending events', () => {
    it("stores a hit on a registered email as the owner's, every field kept, with a feed position", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const event = click(email.token, 1, { repeat: true, deviceId: mintId('device'), details: { proxy: 'none', hops: [1, 2] } });
      const stored = await store.appendEvent(event);
      expect(stored).toEqual({ ...event, userId: ALICE.id, seq: expect.any(Number) });
      expect(Number.isInteger(stored.seq) && stored.seq > 0).toBe(true);
      const { events } = await store.readFeed({ userId: ALICE.id, after: 0, limit: 10, includeMachine: true });
      expect(events.map(({ email: _summary, ...rest }) => rest)).toEqual([stored]);
    });

    it('gives each event appended after another a larger seq', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const stored: StoredEvent[] = [];
      for (let index = 0; index < 5; index++) stored.push(await store.appendEvent(hit(email.token, { at: at(index) })));
      expect(seqs(stored)).toEqual([...seqs(stored)].sort((a, b) => a - b));
      expect(new Set(seqs(stored)).size).toBe(5);
    });

    it('stores every one of many concurrent hits once, each with its own seq', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const events = Array.from({ length: 60 }, (_, index) => hit(email.token, { at: at(index * 10) }));
      const stored = await Promise.all(events.map((event) => store.appendEvent(event)));
      expect(new Set(seqs(stored)).size).toBe(60);
      expect(stored.every((event) => event.userId === ALICE.id)).toBe(true);
      const page = await store.readFeed({ userId: ALICE.id, after: 0, limit: 100, includeMachine: false });
      expect(page.events.map((event) => event.id).sort()).toEqual(events.map((event) => event.id).sort());
      expect(seqs(page.events)).toEqual([...seqs(stored)].sort((a, b) => a - b));
      expect(page.head).toBe(Math.max(...seqs(stored)));
    });

    it('refuses an event id stored before, without failing the hits committed beside it', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const first = hit(email.token);
      const [original, duplicate, neighbour] = await Promise.allSettled([
        store.appendEvent(first),
        store.appendEvent({ ...first, at: at(25_000) }),
        store.appendEvent(hit(email.token, { at: at(26_000) })),
      ]);
      expect(original?.status).toBe('fulfilled');
      expect(duplicate?.status).toBe('rejected');
      expect(neighbour?.status).toBe('fulfilled');
      const page = await store.readFeed({ userId: ALICE.id, after: 0, limit: 10, includeMachine: true });
      expect(page.events.map((event) => event.at)).toEqual([at(20_000), at(26_000)]);
    });

    it('keeps a click signed by someone other than the owner away from the owner', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      expect((await store.appendEvent(click(email.token, 0, { signerUserId: ALICE.id }))).userId).toBe(ALICE.id);
      const forged = await store.appendEvent(click(email.token, 0, { signerUserId: BOB.id }));
      expect(forged.userId).toBeNull();
      expect((await store.listOrphanEvents(email.token)).map((event) => event.id)).toEqual([forged.id]);
    });

    it('commits every queued hit on flush', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const pending = [store.appendEvent(hit(email.token)), store.appendEvent(machine(email.token))];
      await store.flush();
      const page = await store.readFeed({ userId: ALICE.id, after: 0, limit: 10, includeMachine: true });
      expect(page.events).toHaveLength(2);
      expect(seqs(page.events).sort()).toEqual(seqs(await Promise.all(pending)).sort());
    });

    it('commits the hits still queued when it closes', async () => {
      const email = emailRecord(ALICE.id);
      await context.store.registerEmail(email);
      const pending = context.store.appendEvent(hit(email.token));
      const store = await context.reopen();
      const stored = await pending;
      const page = await store.readFeed({ userId: ALICE.id, limit: 10, includeMachine: false });
      expect(page.events.map((event) => event.seq)).toEqual([stored.seq]);
    });
  });

  describe('orphans', () => {
    it('keeps hits before registration as orphans, then attaches them to the owner with new labels and seqs', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      const later = await store.appendEvent(machine(email.token, { at: at(2000) }));
      const earlier = await store.appendEvent(hit(email.token, { at: at(1000) }));
      expect([later.userId, earlier.userId]).toEqual([null, null]);
      expect(await store.listOrphanEvents(email.token)).toEqual([earlier, later]);
      // Ingestion already counts an orphan's human open.
      expect(await store.lastHumanOpen(email.token, at(0))).toEqual(at(1000));

      await store.registerEmail(email);
      expect((await store.readFeed({ userId: ALICE.id, limit: 10, includeMachine: true })).events).toEqual([]);
      const other = emailRecord(BOB.id);
      await store.registerEmail(other);
      const { seq: headBefore } = await store.appendEvent(hit(other.token));

      const attached = await store.attachEvents(email.token, ALICE.id, [
        { id: earlier.id, label: 'machine', reason: 'apple-mpp', repeat: false },
        { id: later.id, label: 'human', reason: 'no-machine-signal', repeat: true },
        { id: mintId('event'), label: 'human', reason: 'no-machine-signal', repeat: false },
      ]);
      expect(attached).toEqual([
        { ...earlier, userId: ALICE.id, label: 'machine', reason: 'apple-mpp', seq: expect.any(Number) },
        { ...later, userId: ALICE.id, label: 'human', reason: 'no-machine-signal', repeat: true, seq: expect.any(Number) },
      ]);
      expect(attached.every((event) => event.seq > headBefore)).toBe(true);
      expect(await store.listOrphanEvents(email.token)).toEqual([]);
      expect(await store.lastHumanOpen(email.token, at(0))).toEqual(at(2000));
      const page = await store.readFeed({ userId: ALICE.id, after: headBefore, limit: 10, includeMachine: true });
      expect(page.events.map((event) => [event.id, event.label])).toEqual(attached.map((event) => [event.id, event.label]));
      // Attached once: a second attachment finds nothing left.
      expect(
        await store.attachEvents(email.token, ALICE.id, [{ id: earlier.id, label: 'human', reason: 'no-machine-signal', repeat: false }]),
      ).toEqual([]);
    });

    it("attaches only the given token's orphans", async () => {
      const { store } = context;
      const orphan = await store.appendEvent(hit(mintEmailToken()));
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      expect(
        await store.attachEvents(email.token, ALICE.id, [{ id: orphan.id, label: 'human', reason: 'no-machine-signal', repeat: false }]),
      ).toEqual([]);
      expect(await store.listOrphanEvents(orphan.emailToken)).toEqual([orphan]);
    });
  });

  describe('earlier hits of an email', () => {
    it('lists the newest clicks since a time, newest first, machine ones and orphans included', async () => {
      const { store } = context;
      const token = mintEmailToken();
      const first = await store.appendEvent(click(token, 0, { at: at(1000) }));
      const scanner = await store.appendEvent(
        click(token, 1, { at: at(2000), label: 'machine', reason: 'link-scanner-timing', ip: '203.0.113.9' }),
      );
      await store.appendEvent(hit(token, { at: at(2500) }));
      const last = await store.appendEvent(click(token, 0, { at: at(3000) }));
      await store.appendEvent(click(mintEmailToken(), 0, { at: at(3500) }));
      const asHit = (event: StoredEvent): object => ({
        id: event.id,
        kind: 'click',
        label: event.label,
        at: event.at,
        linkIndex: event.linkIndex,
        ip: event.ip,
      });

      expect(await store.listRecentClicks(token, at(1500), 10)).toEqual([asHit(last), asHit(scanner)]);
      expect(await store.listRecentClicks(token, at(1000), 10)).toEqual([asHit(last), asHit(scanner), asHit(first)]);
      expect(await store.listRecentClicks(token, at(0), 1)).toEqual([asHit(last)]);
      expect(await store.listRecentClicks(token, at(3001), 10)).toEqual([]);
    });

    it('gives the time of the newest human open since a time', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      expect(await store.lastHumanOpen(email.token, at(0))).toBeNull();
      await store.appendEvent(hit(email.token, { at: at(1000) }));
      await store.appendEvent(hit(email.token, { at: at(3000) }));
      await store.appendEvent(machine(email.token, { at: at(5000) }));
      await store.appendEvent(hit(email.token, { at: at(5500), label: 'self', reason: 'sender-device' }));
      await store.appendEvent(click(email.token, 0, { at: at(6000) }));
      expect(await store.lastHumanOpen(email.token, at(0))).toEqual(at(3000));
      expect(await store.lastHumanOpen(email.token, at(3000))).toEqual(at(3000));
      expect(await store.lastHumanOpen(email.token, at(3001))).toBeNull();
      expect(await store.lastHumanOpen(mintEmailToken(), at(0))).toBeNull();
    });

    it('counts hits whose commit has not finished yet', async () => {
      const { store } = context;
      const token = mintEmailToken();
      const open = store.appendEvent(hit(token, { at: at(1000) }));
      const clicked = store.appendEvent(click(token, 0, { at: at(1000) }));
      expect(await store.lastHumanOpen(token, at(0))).toEqual(at(1000));
      expect((await store.listRecentClicks(token, at(0), 10)).map((event) => event.id)).toEqual([(await clicked).id]);
      await open;
    });

    it('lists the human and machine opens between two times, oldest first, at most 100', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const human = await store.appendEvent(hit(email.token, { at: at(1000) }));
      const proxy = await store.appendEvent(machine(email.token, { at: at(2000) }));
      await store.appendEvent(hit(email.token, { at: at(2500), label: 'self', reason: 'sender-device' }));
      await store.appendEvent(click(email.token, 0, { at: at(2200) }));
      const late = await store.appendEvent(hit(email.token, { at: at(4000) }));

      expect(await store.listOpensBetween(email.token, at(1000), at(2500))).toEqual([human, proxy]);
      expect(await store.listOpensBetween(email.token, at(1001), at(4000))).toEqual([proxy, late]);
      expect(await store.listOpensBetween(mintEmailToken(), at(0), at(9000))).toEqual([]);

      const many = await Promise.all(
        Array.from({ length: 101 }, (_, index) => store.appendEvent(hit(email.token, { at: at(10_000 + index) }))),
      );
      const listed = await store.listOpensBetween(email.token, at(10_000), at(20_000));
      expect(listed.map((event) => event.id)).toEqual(many.slice(0, 100).map((event) => event.id));
    });
  });
}
