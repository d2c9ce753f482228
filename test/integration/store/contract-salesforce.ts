// Store contract: a team's Salesforce connection (an outbox endpoint of kind 'salesforce', one
// per team, never another team's), its single-use OAuth states, skipped addresses and the daily
// engagement counts; a reconnect resumes a paused connection with its pending deliveries due.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import type { SalesforceConnect, Store } from '../../../src/server/store/store.ts';
import { ACME, ALICE, BOB, GLOBEX, emailRecord, hit, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const connect = (teamId: string, fields: Partial<SalesforceConnect> = {}): SalesforceConnect => ({
  endpointId: mintId('webhook'),
  teamId,
  instanceUrl: 'https://acme.my.salesforce.com',
  sealedRefreshToken: 'v1.sealed-1',
  account: 'alice@acme.example (Acme Inc)',
  connectedBy: ALICE.id,
  at: new Date(),
  ...fields,
});

async function replyQueued(store: Store): Promise<string> {
  const email = emailRecord(ALICE.id);
  await store.registerEmail(email);
  await store.appendEvent(hit(email.token, { kind: 'reply', details: { from: 'x@y.example', senderRole: 'to', firstLines: 'Hi' } }));
  return email.token;
}

export function salesforceContract(context: ContractContext): void {
  describe('salesforce', () => {
    it('keeps one connection per team, never shown to another team, with replies queued to it', async () => {
      const { store } = context;
      const first = await store.connectSalesforce(connect(ACME.id));
      expect(first).toMatchObject({
        teamId: ACME.id,
        account: 'alice@acme.example (Acme Inc)',
        kinds: ['reply'],
        createLeads: false,
        state: 'active',
        pendingDeliveries: 0,
      });
      expect(await store.getSalesforceConnection(GLOBEX.id)).toBeNull();
      expect(await store.listWebhooks(ACME.id)).toEqual([]);
      const again = await store.connectSalesforce(
        connect(ACME.id, { sealedRefreshToken: 'v1.sealed-2', connectedBy: BOB.id, account: null }),
      );
      expect(again).toMatchObject({ endpointId: first.endpointId, sealedRefreshToken: 'v1.sealed-2', connectedBy: BOB.id, account: null });
      await replyQueued(store);
      const [claimed] = await store.claimDeliveries({ workerId: 'w', now: new Date(Date.now() + 1), leaseMs: 60_000, limit: 10 });
      expect(claimed?.endpoint).toMatchObject({ kind: 'salesforce', url: 'https://acme.my.salesforce.com', sealedSecret: 'v1.sealed-2' });
      expect(await store.disconnectSalesforce(GLOBEX.id)).toBe(false);
      expect(await store.disconnectSalesforce(ACME.id)).toBe(true);
      expect(await store.getSalesforceConnection(ACME.id)).toBeNull();
    });

    it('keeps settings, pauses, and resumes on reconnect with the pending deliveries due', async () => {
      const { store } = context;
      const connection = await store.connectSalesforce(connect(ACME.id));
      const updated = await store.updateSalesforceSettings(ACME.id, { kinds: ['reply', 'open'], createLeads: true }, new Date());
      expect(updated).toMatchObject({ kinds: ['reply', 'open'], createLeads: true });
      expect(await store.updateSalesforceSettings(GLOBEX.id, { kinds: ['reply'], createLeads: false }, new Date())).toBeNull();
      await store.pauseSalesforce(connection.endpointId, 'refused', new Date());
      await replyQueued(store);
      expect(await store.claimDeliveries({ workerId: 'w', now: new Date(Date.now() + 1), leaseMs: 60_000, limit: 10 })).toEqual([]);
      expect(must(await store.getSalesforceConnection(ACME.id))).toMatchObject({
        state: 'paused',
        stateReason: 'refused',
        pendingDeliveries: 1,
      });
      const resumed = await store.connectSalesforce(connect(ACME.id));
      expect(resumed).toMatchObject({ state: 'active', stateReason: null, kinds: ['reply', 'open'], createLeads: true });
      expect(await store.claimDeliveries({ workerId: 'w', now: new Date(Date.now() + 1), leaseMs: 60_000, limit: 10 })).toHaveLength(1);
      await store.replaceSalesforceToken(connection.endpointId, 'v1.rotated', new Date());
      expect(must(await store.getSalesforceConnection(ACME.id)).sealedRefreshToken).toBe('v1.rotated');
    });

    it('hands out an OAuth state once, and not after it expired', async () => {
      const { store } = context;
      const state = { teamId: ACME.id, userId: ALICE.id, sealedVerifier: 'v1.verifier' };
      await store.saveSalesforceAuthState({ ...state, stateHash: 'h1', expiresAt: new Date(Date.now() + 60_000) });
      await store.saveSalesforceAuthState({ ...state, stateHash: 'h2', expiresAt: new Date(Date.now() + 60_000) });
      expect(await store.peekSalesforceAuthState('h1', new Date())).toMatchObject({ ...state, stateHash: 'h1' });
      expect(await store.peekSalesforceAuthState('h2', new Date(Date.now() + 120_000))).toBeNull();
      expect(await store.takeSalesforceAuthState('h1', new Date())).toMatchObject({ ...state, stateHash: 'h1' });
      expect(await store.peekSalesforceAuthState('h1', new Date())).toBeNull();
      expect(await store.takeSalesforceAuthState('h1', new Date())).toBeNull();
      expect(await store.takeSalesforceAuthState('h2', new Date(Date.now() + 120_000))).toBeNull();
      expect(await store.takeSalesforceAuthState('h2', new Date())).toBeNull();
    });

    it('counts skipped addresses per team and keeps the daily engagement counts', async () => {
      const { store } = context;
      const { endpointId } = await store.connectSalesforce(connect(ACME.id));
      await store.recordSalesforceSkip(endpointId, 'who@x.example', 'reply', 'tok1', new Date(Date.now() - 1000));
      await store.recordSalesforceSkip(endpointId, 'who@x.example', 'open', 'tok2', new Date());
      expect(await store.listSalesforceSkips(ACME.id, 10)).toMatchObject([{ address: 'who@x.example', times: 2, lastKind: 'open' }]);
      expect(await store.listSalesforceSkips(GLOBEX.id, 10)).toEqual([]);
      const key = { endpointId, emailToken: 'tok1', kind: 'open' as const, day: '2026-12-03' };
      expect(await store.getSalesforceActivity(endpointId, 'tok1', 'open', '2026-12-03')).toBeNull();
      await store.saveSalesforceActivity({ ...key, taskId: null, hits: 1, lastMessageId: 'm1' });
      await store.saveSalesforceActivity({ ...key, taskId: '00T000000000001AAA', hits: 2, lastMessageId: 'm2' });
      expect(await store.getSalesforceActivity(endpointId, 'tok1', 'open', '2026-12-03')).toEqual({
        ...key,
        taskId: '00T000000000001AAA',
        hits: 2,
        lastMessageId: 'm2',
      });
    });
  });
}
