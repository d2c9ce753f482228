// Store contract: readHitState(), what ingestion reads of an email's history for one hit, in one
// call: the email, the owner's devices and self views, recent clicks, the newest human open.
import { describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type { HitStateQuery, RecentHit, StoredEvent } from '../../../src/server/store/store.ts';
import { ALICE, BOB, at, click, emailRecord, hit, machine } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const query = (token: string, fields: Partial<HitStateQuery> = {}): HitStateQuery => ({
  token,
  signerUserId: null,
  selfViewsSince: at(0),
  clicks: { since: at(0), limit: 100 },
  humanOpenSince: at(0),
  ...fields,
});

const asHit = (event: StoredEvent): RecentHit => ({
  id: event.id,
  kind: event.kind,
  label: event.label,
  at: event.at,
  linkIndex: event.linkIndex,
  ip: event.ip,
});

export function hitStateContract(context: ContractContext): void {
  describe('the history a hit is judged on (readHitState)', () => {
    it('is empty for a token nobody registered and nobody signed', async () => {
      const { store } = context;
      await store.upsertDevice({ deviceId: mintId('device'), userId: ALICE.id, name: 'Laptop', at: at(0) });
      expect(await store.readHitState(query(mintEmailToken()))).toEqual({
        email: null,
        ownerId: null,
        ownerDevices: [],
        selfViews: [],
        priorClicks: [],
        lastHumanOpenAt: null,
      });
    });

    it("gives the email, its owner's devices and the owner's own views since the time asked", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const laptop = mintId('device');
      const phone = mintId('device');
      await store.upsertDevice({ deviceId: laptop, userId: ALICE.id, name: 'Laptop', at: at(0) });
      await store.upsertDevice({ deviceId: phone, userId: ALICE.id, name: 'Phone', at: at(0) });
      await store.upsertDevice({ deviceId: mintId('device'), userId: BOB.id, name: 'Bob', at: at(0) });
      await store.addSelfView(email.token, { userId: ALICE.id, deviceId: laptop, at: at(500) });
      await store.addSelfView(email.token, { userId: ALICE.id, deviceId: phone, at: at(3000) });
      await store.addSelfView(email.token, { userId: ALICE.id, deviceId: laptop, at: at(2000) });
      await store.addSelfView(email.token, { userId: BOB.id, deviceId: 'bobs', at: at(2500) });

      const state = await store.readHitState(query(email.token, { selfViewsSince: at(1000), signerUserId: BOB.id }));
      expect(state.email).toEqual(email);
      expect(state.ownerId).toBe(ALICE.id);
      expect([...state.ownerDevices].sort()).toEqual([laptop, phone].sort());
      expect(state.selfViews).toEqual([
        { userId: ALICE.id, deviceId: laptop, at: at(2000) },
        { userId: ALICE.id, deviceId: phone, at: at(3000) },
      ]);
    });

    it("takes the link's signer as the owner of a token nobody registered", async () => {
      const { store } = context;
      const token = mintEmailToken();
      const device = mintId('device');
      await store.upsertDevice({ deviceId: device, userId: BOB.id, name: 'Bob', at: at(0) });
      await store.addSelfView(token, { userId: BOB.id, deviceId: device, at: at(1000) });
      const state = await store.readHitState(query(token, { signerUserId: BOB.id }));
      expect(state).toMatchObject({ email: null, ownerId: BOB.id, ownerDevices: [device] });
      expect(state.selfViews).toEqual([{ userId: BOB.id, deviceId: device, at: at(1000) }]);
    });

    it('gives the newest clicks since a time, newest first, at most the limit, and the newest human open', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const first = await store.appendEvent(click(email.token, 0, { at: at(1000) }));
      const scanner = await store.appendEvent(click(email.token, 1, { at: at(2000), label: 'machine', reason: 'link-scanner-timing' }));
      const last = await store.appendEvent(click(email.token, 0, { at: at(3000), ip: null }));
      await store.appendEvent(hit(email.token, { at: at(1500) }));
      await store.appendEvent(hit(email.token, { at: at(2500) }));
      await store.appendEvent(machine(email.token, { at: at(4000) }));
      await store.appendEvent(hit(email.token, { at: at(4500), label: 'self', reason: 'sender-device' }));
      await store.appendEvent(click(mintEmailToken(), 0, { at: at(3500) }));

      const all = await store.readHitState(query(email.token));
      expect(all.priorClicks).toEqual([asHit(last), asHit(scanner), asHit(first)]);
      expect(all.lastHumanOpenAt).toEqual(at(2500));
      const recent = await store.readHitState(query(email.token, { clicks: { since: at(1500), limit: 1 }, humanOpenSince: at(2600) }));
      expect(recent.priorClicks).toEqual([asHit(last)]);
      expect(recent.lastHumanOpenAt).toBeNull();
      // Not asked for: not read.
      const neither = await store.readHitState(query(email.token, { clicks: null, humanOpenSince: null }));
      expect([neither.priorClicks, neither.lastHumanOpenAt]).toEqual([[], null]);
    });

    it('answers many reads at once, each about its own email', async () => {
      const { store } = context;
      const emails = Array.from({ length: 20 }, (_, index) => emailRecord(index % 2 ? ALICE.id : BOB.id));
      for (const email of emails) await store.registerEmail(email);
      const opens = await Promise.all(emails.map((email, index) => store.appendEvent(hit(email.token, { at: at(1000 + index) }))));
      const states = await Promise.all(emails.map((email) => store.readHitState(query(email.token))));
      expect(states.map((state) => [state.email?.token, state.ownerId, state.lastHumanOpenAt])).toEqual(
        emails.map((email, index) => [email.token, email.userId, opens[index]?.at]),
      );
    });

    it('counts hits whose commit has not finished yet', async () => {
      const { store } = context;
      const token = mintEmailToken();
      const open = store.appendEvent(hit(token, { at: at(1000) }));
      const clicked = store.appendEvent(click(token, 1, { at: at(1200) }));
      const state = await store.readHitState(query(token));
      expect(state.lastHumanOpenAt).toEqual(at(1000));
      expect(state.priorClicks.map((event) => event.id)).toEqual([(await clicked).id]);
      await open;
    });
  });
}
