// Store contract: work leases. One holder at a time per name; a renewal keeps the generation, any
// new taking raises it; a lease that ran out, was released or was expired goes to the next claimer.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './store-harness.ts';

const T0 = new Date('2026-12-03T12:00:00Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

export function leaseContract(context: ContractContext): void {
  describe('work leases', () => {
    it('gives each name to one holder until it runs out, and renews it for that holder only', async () => {
      const { store } = context;
      expect(await store.claimLeases(['mailbox:a', 'mailbox:b'], 'one', T0, 30_000)).toEqual(
        expect.arrayContaining([
          { name: 'mailbox:a', generation: 1 },
          { name: 'mailbox:b', generation: 1 },
        ]),
      );
      expect(await store.claimLeases(['mailbox:a', 'mailbox:c'], 'two', later(10_000), 30_000)).toEqual([
        { name: 'mailbox:c', generation: 1 },
      ]);
      // Renewed before it ran out: same generation, and still not the other's.
      expect(await store.claimLeases(['mailbox:a'], 'one', later(20_000), 30_000)).toEqual([{ name: 'mailbox:a', generation: 1 }]);
      expect(await store.claimLeases(['mailbox:a'], 'two', later(49_000), 30_000)).toEqual([]);
      // Ran out (one stopped renewing): the other takes it, as a new generation.
      expect(await store.claimLeases(['mailbox:a'], 'two', later(50_000), 30_000)).toEqual([{ name: 'mailbox:a', generation: 2 }]);
      expect(await store.claimLeases(['mailbox:a', 'mailbox:b'], 'one', later(51_000), 30_000)).toEqual([
        { name: 'mailbox:b', generation: 2 },
      ]);
    });

    it('hands a released lease to the next claimer at once, and releases only its own', async () => {
      const { store } = context;
      await store.claimLeases(['job:retention'], 'one', T0, 3_600_000);
      await store.releaseLeases(['job:retention'], 'two');
      expect(await store.claimLeases(['job:retention'], 'two', later(1), 3_600_000)).toEqual([]);
      await store.releaseLeases(['job:retention'], 'one');
      expect(await store.claimLeases(['job:retention'], 'two', later(2), 3_600_000)).toEqual([{ name: 'job:retention', generation: 2 }]);
    });

    it('expires a lease whoever holds it: even its old holder takes it again as a new generation', async () => {
      const { store } = context;
      await store.claimLeases(['mailbox:a'], 'one', T0, 30_000);
      await store.expireLeases(['mailbox:a']);
      expect(await store.claimLeases(['mailbox:a'], 'one', later(1), 30_000)).toEqual([{ name: 'mailbox:a', generation: 2 }]);
    });

    it('gives a name claimed by many at once to exactly one', async () => {
      const { store } = context;
      const holders = ['one', 'two', 'three', 'four', 'five', 'six'];
      const answers = await Promise.all(holders.map((holder) => store.claimLeases(['job:retention'], holder, T0, 60_000)));
      expect(answers.flat()).toEqual([{ name: 'job:retention', generation: 1 }]);
    });
  });
}
