// Store contract: the conversion queue. Converting documents are claimed oldest first within the
// per-user and per-team limits counted over live claims; a claim is renewed by its holder only,
// expires for another server to take over (counted as a new attempt), and can be given back.
import { describe, expect, it } from 'vitest';
import type { ConversionClaimRequest } from '../../../src/server/store/conversion-queue-store.ts';
import type { DocumentRecord } from '../../../src/server/store/store.ts';
import { ALICE, BOB, CAROL, at, documentRecord } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const LEASE = 30_000;

function converting(owner: { id: string; teamId: string }, createdAt: number): DocumentRecord {
  return documentRecord(owner, { status: 'converting', pageCount: 0, createdAt: at(createdAt), updatedAt: at(createdAt) });
}

const request = (worker: string, now: number, limits: Partial<ConversionClaimRequest> = {}): ConversionClaimRequest => ({
  worker,
  now: at(now),
  leaseMs: LEASE,
  perUser: 1,
  perTeam: 2,
  ...limits,
});

export function conversionQueueContract(context: ContractContext): void {
  describe('conversion queue', () => {
    it("claims the oldest document, skipping an owner at their limit so another user's document goes first", async () => {
      const { store } = context;
      const bombs = [1000, 1001, 1002].map((time) => converting(ALICE, time));
      const bobs = converting(BOB, 2000);
      for (const document of [...bombs, bobs]) await store.createDocument(document);
      await store.createDocument(documentRecord(ALICE, { createdAt: at(500) }));

      const first = await store.claimConversion(request('server-a', 5000));
      expect(first).toEqual({ document: bombs[0], attempt: 1, leaseUntil: at(5000 + LEASE) });
      expect((await store.claimConversion(request('server-b', 5001)))?.document.id).toBe(bobs.id);
      // Alice holds one, Bob one: nothing left within the limits.
      expect(await store.claimConversion(request('server-b', 5002))).toBeNull();
      expect((await store.claimConversion(request('server-b', 5003, { perUser: 2, perTeam: 3 })))?.document.id).toBe(bombs[1]?.id);
    });

    it('holds a team to its limit whoever in it uploads', async () => {
      const { store } = context;
      const alices = converting(ALICE, 1000);
      const bobs = converting(BOB, 1001);
      const carols = converting(CAROL, 1002);
      for (const document of [alices, bobs, carols]) await store.createDocument(document);
      expect((await store.claimConversion(request('a', 5000, { perTeam: 1 })))?.document.id).toBe(alices.id);
      expect((await store.claimConversion(request('a', 5000, { perTeam: 1 })))?.document.id).toBe(carols.id);
      expect(await store.claimConversion(request('a', 5000, { perTeam: 1 }))).toBeNull();
      // A finished conversion frees its share.
      await store.finishConversion(alices.id, { status: 'ready', pageCount: 1 }, at(6000));
      expect((await store.claimConversion(request('a', 6001, { perTeam: 1 })))?.document.id).toBe(bobs.id);
    });

    it('renews for the holder only; an expired claim is taken over as a new attempt', async () => {
      const { store } = context;
      const document = converting(ALICE, 1000);
      await store.createDocument(document);
      await store.claimConversion(request('server-a', 5000));
      expect(await store.renewConversionClaim(document.id, 'server-b', at(90_000))).toBe(false);
      expect(await store.renewConversionClaim(document.id, 'server-a', at(5000 + 2 * LEASE))).toBe(true);
      expect(await store.claimConversion(request('server-b', 5000 + LEASE + 1))).toBeNull();

      const takeover = await store.claimConversion(request('server-b', 5000 + 2 * LEASE));
      expect(takeover).toMatchObject({ attempt: 2, leaseUntil: at(5000 + 3 * LEASE) });
      expect(takeover?.document.id).toBe(document.id);
      // The server that lost it can no longer renew it.
      expect(await store.renewConversionClaim(document.id, 'server-a', at(200_000))).toBe(false);
      await store.finishConversion(document.id, { status: 'ready', pageCount: 2 }, at(80_000));
      expect(await store.renewConversionClaim(document.id, 'server-b', at(200_000))).toBe(false);
      expect(await store.claimConversion(request('server-c', 900_000))).toBeNull();
    });

    it('gives a claim back at once without counting an attempt', async () => {
      const { store } = context;
      const document = converting(ALICE, 1000);
      await store.createDocument(document);
      await store.claimConversion(request('server-a', 5000));
      await store.releaseConversionClaim(document.id, 'server-b');
      expect(await store.claimConversion(request('server-b', 5001))).toBeNull();
      await store.releaseConversionClaim(document.id, 'server-a');
      expect(await store.claimConversion(request('server-b', 5002))).toMatchObject({ attempt: 1, document: { id: document.id } });
    });
  });
}
