// Store contract: the counts of hits waiting for an owner (orphan-hit-store.ts). Admission counts
// up to the per-token and total caps, atomically even for many callers on two connections (two
// server instances); attachment takes the token's count off, expiry the expired hits' counts.
import { describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { OrphanCaps } from '../../../src/server/store/store.ts';
import { ALICE, at, emailRecord, hit, machine } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const CAPS: OrphanCaps = { perToken: 3, total: 5 };

export function orphanHitContract(context: ContractContext): void {
  describe('orphan hit counts', () => {
    it('admits up to the per-token cap, then up to the total cap, counting only what it admits', async () => {
      const { store } = context;
      const [first, second] = [mintEmailToken(), mintEmailToken()];
      const answers: boolean[] = [];
      for (let n = 0; n < 4; n++) answers.push(await store.admitOrphanHit(first, CAPS));
      expect(answers).toEqual([true, true, true, false]);
      expect(await store.admitOrphanHit(second, CAPS)).toBe(true);
      expect(await store.admitOrphanHit(second, CAPS)).toBe(true);
      // Five in all: a third token gets nothing, and the refused ones were not counted.
      expect(await store.admitOrphanHit(mintEmailToken(), CAPS)).toBe(false);
      expect(await store.countOrphanHits(first)).toBe(3);
      expect(await store.countOrphanHits(second)).toBe(2);
      expect(await store.countOrphanHits()).toBe(5);
    });

    it('admits exactly the cap when many ask at once through two connections', async () => {
      const beside = await context.openBeside();
      const token = mintEmailToken();
      const caps = { perToken: 7, total: 1000 };
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, n) => (n % 2 === 0 ? context.store : beside).admitOrphanHit(token, caps)),
      );
      expect(answers.filter(Boolean)).toHaveLength(7);
      expect(await beside.countOrphanHits(token)).toBe(7);
      expect(await context.store.countOrphanHits()).toBe(7);
    });

    it("takes a token's count off when its hits are attached, and frees room in the total", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      const stored = [];
      for (let n = 0; n < 3; n++) {
        expect(await store.admitOrphanHit(email.token, CAPS)).toBe(true);
        stored.push(await store.appendEvent(hit(email.token, { at: at(n) })));
      }
      expect(await store.admitOrphanHit(mintEmailToken(), CAPS)).toBe(true);
      await store.registerEmail(email);
      await store.attachEvents(
        email.token,
        ALICE.id,
        stored.map((event) => ({ id: event.id, label: 'human', reason: 'no-machine-signal', repeat: false })),
      );
      expect(await store.countOrphanHits(email.token)).toBe(0);
      expect(await store.countOrphanHits()).toBe(1);
      for (let n = 0; n < 3; n++) expect(await store.admitOrphanHit(mintEmailToken(), CAPS)).toBe(true);
    });

    it('deletes the orphan opens and clicks older than a time and takes them off the counts', async () => {
      const { store } = context;
      const [email, other] = [mintEmailToken(), mintEmailToken()];
      const admitted = async (token: string, event: ReturnType<typeof hit>): Promise<void> => {
        expect(await store.admitOrphanHit(token, CAPS)).toBe(true);
        await store.appendEvent(event);
      };
      await admitted(email, hit(email, { at: at(1000) }));
      await admitted(email, machine(email, { at: at(3000) }));
      await admitted(other, hit(other, { at: at(2000) }));
      await store.flush();
      expect(await store.deleteOrphanHitsBefore(at(2500))).toBe(2);
      expect(await store.countOrphanHits(email)).toBe(1);
      expect(await store.countOrphanHits(other)).toBe(0);
      expect(await store.countOrphanHits()).toBe(1);
      // Registered hits are never expired.
      const owned = emailRecord(ALICE.id);
      await store.registerEmail(owned);
      await store.appendEvent(hit(owned.token, { at: at(0) }));
      await store.flush();
      expect(await store.deleteOrphanHitsBefore(at(2500))).toBe(0);
      expect(await store.deleteOrphanHitsBefore(at(4000))).toBe(1);
      expect(await store.countOrphanHits()).toBe(0);
    });

    it('keeps the counts across a restart', async () => {
      const token = mintEmailToken();
      for (let n = 0; n < 3; n++) await context.store.admitOrphanHit(token, CAPS);
      const store = await context.reopen();
      expect(await store.countOrphanHits(token)).toBe(3);
      expect(await store.admitOrphanHit(token, CAPS)).toBe(false);
    });
  });
}
