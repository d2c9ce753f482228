// Store contract: webhook endpoints (per team, never another team's) and the delivery outbox:
// deliveries queued with the events a team's endpoints want, claimed oldest first and one per
// endpoint and email at a time, under a lease; attempts that retry, fail, pause or disable.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import type { AttemptOutcome, ClaimedDelivery, NewWebhook, Store, WebhookRecord } from '../../../src/server/store/store.ts';
import { ACME, ALICE, BOB, CAROL, GLOBEX, emailRecord, hit, machine, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const webhook = (teamId: string, fields: Partial<NewWebhook> = {}): NewWebhook => ({
  id: mintId('webhook'),
  teamId,
  url: 'https://hooks.example.com/glint',
  kinds: ['open', 'reply'],
  description: 'CRM',
  sealedSecret: 'v1.sealed',
  createdBy: ALICE.id,
  createdAt: new Date(),
  ...fields,
});

const later = (ms: number): Date => new Date(Date.now() + ms);
const claim = (store: Store, workerId = 'worker-a', now = later(1)): Promise<ClaimedDelivery[]> =>
  store.claimDeliveries({ workerId, now, leaseMs: 60_000, limit: 50 });
const record = (
  store: Store,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  extra: { gone?: boolean; pauseAfter?: number; workerId?: string } = {},
): Promise<boolean> =>
  store
    .recordAttempts([
      {
        deliveryId: delivery.id,
        workerId: extra.workerId ?? 'worker-a',
        at: new Date(),
        outcome,
        gone: extra.gone ?? false,
        pauseAfter: extra.pauseAfter ?? 20,
      },
    ])
    .then(([recorded]) => recorded ?? false);

async function emailOf(store: Store, userId: string): Promise<string> {
  const email = emailRecord(userId);
  await store.registerEmail(email);
  return email.token;
}

async function acmeWebhook(store: Store, fields: Partial<NewWebhook> = {}): Promise<WebhookRecord> {
  return store.createWebhook(webhook(ACME.id, fields));
}

export function webhookContract(context: ContractContext): void {
  describe('webhooks', () => {
    it('keeps endpoints per team and never shows another team one', async () => {
      const { store } = context;
      const created = await acmeWebhook(store);
      expect(created).toMatchObject({ teamId: ACME.id, kinds: ['open', 'reply'], state: 'active', consecutiveFailures: 0 });
      expect(await store.listWebhooks(ACME.id)).toEqual([created]);
      expect(await store.listWebhooks(GLOBEX.id)).toEqual([]);
      expect(await store.getWebhook(GLOBEX.id, created.id)).toBeNull();
      expect(await store.deleteWebhook(GLOBEX.id, created.id)).toBe(false);
      expect(await store.listDeliveries(GLOBEX.id, created.id, 10)).toEqual([]);
      expect(await store.deleteWebhook(ACME.id, created.id)).toBe(true);
      expect(await store.listWebhooks(ACME.id)).toEqual([]);
    });

    it('queues the human events of wanted kinds of the team, in the event transaction', async () => {
      const { store } = context;
      const endpoint = await acmeWebhook(store);
      const alices = await emailOf(store, ALICE.id);
      const bobs = await emailOf(store, BOB.id);
      const carols = await emailOf(store, CAROL.id);
      const open = await store.appendEvent(hit(alices));
      await store.appendEvent(machine(alices));
      await store.appendEvent(hit(alices, { kind: 'click', linkIndex: 0 }));
      const bobOpen = await store.appendEvent(hit(bobs));
      await store.appendEvent(hit(carols));
      const claimed = await claim(store);
      expect(claimed.map((delivery) => delivery.eventId)).toEqual([open.id, bobOpen.id]);
      expect(claimed[0]).toMatchObject({
        endpointId: endpoint.id,
        messageId: open.id,
        type: 'event.created',
        label: 'human',
        attempts: 1,
        event: { kind: 'open' },
        email: { subject: expect.any(String) as string },
        endpoint: { url: endpoint.url, sealedSecret: 'v1.sealed' },
      });
    });

    it('delivers one email in order: the next waits for the one before', async () => {
      const { store } = context;
      await acmeWebhook(store);
      const token = await emailOf(store, ALICE.id);
      const first = await store.appendEvent(hit(token));
      const second = await store.appendEvent(hit(token, { kind: 'open' }));
      const [claimed, ...rest] = await claim(store);
      expect(rest).toEqual([]);
      expect(must(claimed).eventId).toBe(first.id);
      // Still leased: nobody else gets it, nor the one after it.
      expect(await claim(store, 'worker-b')).toEqual([]);
      expect(await record(store, must(claimed), { kind: 'delivered', status: 204 })).toBe(true);
      expect((await claim(store)).map((delivery) => delivery.eventId)).toEqual([second.id]);
    });

    it('gives an expired lease to another worker; the first one can no longer record', async () => {
      const { store } = context;
      await acmeWebhook(store);
      await store.appendEvent(hit(await emailOf(store, ALICE.id)));
      const [mine] = await claim(store, 'worker-a');
      const [theirs] = await claim(store, 'worker-b', later(120_000));
      expect(must(theirs).id).toBe(must(mine).id);
      expect(must(theirs).attempts).toBe(2);
      expect(await record(store, must(mine), { kind: 'delivered', status: 200 })).toBe(false);
      expect(await record(store, must(theirs), { kind: 'delivered', status: 200 }, { workerId: 'worker-b' })).toBe(true);
    });

    it('records several attempts in one call, refusing the one whose lease was lost', async () => {
      const { store } = context;
      await acmeWebhook(store);
      await store.appendEvent(hit(await emailOf(store, ALICE.id)));
      await store.appendEvent(hit(await emailOf(store, BOB.id)));
      const [first, second] = await claim(store);
      const attempt = (delivery: ClaimedDelivery, workerId: string) => ({
        deliveryId: delivery.id,
        workerId,
        at: new Date(),
        outcome: { kind: 'delivered', status: 200 } as const,
        gone: false,
        pauseAfter: 20,
      });
      expect(await store.recordAttempts([attempt(must(first), 'worker-a'), attempt(must(second), 'worker-z')])).toEqual([true, false]);
    });

    it('retries when told, gives up when told, and logs each', async () => {
      const { store } = context;
      const endpoint = await acmeWebhook(store);
      const token = await emailOf(store, ALICE.id);
      await store.appendEvent(hit(token));
      const [first] = await claim(store);
      await record(store, must(first), { kind: 'retry', status: 500, error: 'HTTP 500', nextAttemptAt: later(60_000) });
      expect(await claim(store)).toEqual([]);
      const [again] = await claim(store, 'worker-a', later(61_000));
      await record(store, must(again), { kind: 'failed', status: null, error: 'timed out' });
      const [logged] = await store.listDeliveries(ACME.id, endpoint.id, 10);
      expect(logged).toMatchObject({ status: 'failed', attempts: 2, lastError: 'timed out', lastStatus: null, leaseUntil: null });
      expect(must(logged).finishedAt).toBeInstanceOf(Date);
      expect(must(await store.getWebhook(ACME.id, endpoint.id)).consecutiveFailures).toBe(2);
    });

    it('pauses an endpoint after failures in a row and resumes it by hand', async () => {
      const { store } = context;
      const endpoint = await acmeWebhook(store);
      await store.appendEvent(hit(await emailOf(store, ALICE.id)));
      await store.appendEvent(hit(await emailOf(store, ALICE.id)));
      const claimed = await claim(store);
      for (const delivery of claimed) {
        await record(store, delivery, { kind: 'retry', status: 503, error: 'HTTP 503', nextAttemptAt: new Date() }, { pauseAfter: 2 });
      }
      const paused = must(await store.getWebhook(ACME.id, endpoint.id));
      expect(paused.state).toBe('paused');
      expect(paused.stateReason).toContain('2 failed attempts in a row');
      expect(await claim(store, 'worker-a', later(120_000))).toEqual([]);
      const resumed = must(await store.resumeWebhook(ACME.id, endpoint.id, new Date()));
      expect(resumed).toMatchObject({ state: 'active', stateReason: null, consecutiveFailures: 0 });
      expect(await claim(store, 'worker-a', later(120_000))).toHaveLength(2);
    });

    it('disables an endpoint that answered 410 Gone', async () => {
      const { store } = context;
      const endpoint = await acmeWebhook(store);
      await store.appendEvent(hit(await emailOf(store, ALICE.id)));
      const [delivery] = await claim(store);
      await record(store, must(delivery), { kind: 'failed', status: 410, error: 'HTTP 410' }, { gone: true });
      expect(must(await store.getWebhook(ACME.id, endpoint.id))).toMatchObject({
        state: 'disabled',
        stateReason: expect.stringContaining('410') as string,
      });
    });

    it('announces a relabel as event.relabelled, and queues mail events and attached orphans', async () => {
      const { store } = context;
      await acmeWebhook(store);
      const token = await emailOf(store, ALICE.id);
      const open = await store.appendEvent(hit(token));
      const [created] = await claim(store);
      await record(store, must(created), { kind: 'delivered', status: 200 });
      const [relabelled] = await store.relabelEvents(ALICE.id, [
        { id: open.id, label: 'machine', reason: 'link-scanner-timing', repeat: false },
      ]);
      const reply = must(
        await store.appendMailEvent(
          hit(token, { kind: 'reply', userId: ALICE.id, ip: null, userAgent: null, details: { from: 'r@example.org' } }),
          'reply-9@example.org',
        ),
      );
      const [change] = await claim(store);
      expect(change).toMatchObject({ type: 'event.relabelled', eventId: open.id, label: 'machine', reason: 'link-scanner-timing' });
      expect(must(change).messageId).toBe(`${open.id}.${must(relabelled).seq}`);
      await record(store, must(change), { kind: 'delivered', status: 200 });
      expect((await claim(store)).map((delivery) => delivery.eventId)).toEqual([reply.id]);
      // An orphan (email not registered yet) is queued when attached to its owner.
      const orphanToken = emailRecord(ALICE.id).token;
      const orphan = await store.appendEvent(hit(orphanToken));
      await store.registerEmail(emailRecord(ALICE.id, { token: orphanToken }));
      await store.attachEvents(orphanToken, ALICE.id, [{ id: orphan.id, label: 'human', reason: 'no-machine-signal', repeat: false }]);
      expect((await claim(store)).map((delivery) => delivery.eventId)).toEqual([orphan.id]);
    });

    it('gives each row to one of two stores claiming at once', async () => {
      const { store } = context;
      await acmeWebhook(store);
      for (let index = 0; index < 20; index++) await store.appendEvent(hit(await emailOf(store, ALICE.id)));
      const other = await context.openBeside();
      const [a, b] = await Promise.all([claim(store, 'worker-a'), claim(other, 'worker-b')]);
      const ids = [...must(a), ...must(b)].map((delivery) => delivery.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    });

    it('rotates the secret and keeps the old one until the overlap ends', async () => {
      const { store } = context;
      const endpoint = await acmeWebhook(store);
      const until = later(3_600_000);
      const rotated = must(await store.rotateWebhookSecret(ACME.id, endpoint.id, 'v1.new', until, new Date()));
      expect(rotated).toMatchObject({ sealedSecret: 'v1.new', previousSealedSecret: 'v1.sealed', previousSecretUntil: until });
      expect(await store.rotateWebhookSecret(GLOBEX.id, endpoint.id, 'v1.other', until, new Date())).toBeNull();
    });
  });
}
