// Store contract: the campaign sending state machine. A due step is claimed once (its Message-ID
// fixed), a reply or bounce on the thread, the email or a follow-up sent, stops the enrolment at
// claim time, an expired claim comes back to be reconciled with the same Message-ID (and what was
// noted of its SMTP conversation), and only the claim's owner completes it or notes on it.
import { describe, expect, it } from 'vitest';
import type { EnrolmentRecord, Store } from '../../../src/server/store/store.ts';
import { claimRequest, createdCampaign, enrolmentRecord, minuteStep } from './campaign-records.ts';
import { ALICE, at, emailRecord, hit, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

async function dueEnrolment(store: Store, dueMs = 5_000): Promise<EnrolmentRecord> {
  const campaignId = await createdCampaign(store, { name: 'Two steps', steps: [minuteStep('One'), minuteStep('Two')] });
  const email = emailRecord(ALICE.id);
  await store.registerEmail(email);
  return (await store.enrol(enrolmentRecord(campaignId, ALICE.id, email.token, 'reader@example.org', { dueAt: at(dueMs) }))).enrolment;
}

const reply = (token: string) =>
  hit(token, {
    kind: 'reply',
    userId: ALICE.id,
    at: at(4_000),
    ip: null,
    userAgent: null,
    details: { from: 'reader@example.org', senderRole: 'to', firstLines: 'No thanks.' },
  });

export function campaignSendContract(context: ContractContext): void {
  describe('campaign sends', () => {
    it('claims a due step once, with its Message-ID fixed, and moves on when the owner completes it', async () => {
      const { store } = context;
      const enrolment = await dueEnrolment(store);
      expect(await store.claimDueStep(claimRequest(4_999))).toBeNull();
      const request = claimRequest(5_000);
      const claim = must(await store.claimDueStep(request));
      expect(claim).toMatchObject({
        kind: 'send',
        enrolment: { id: enrolment.id },
        send: { stepIndex: 0, messageId: request.messageId, state: 'claimed' },
      });
      expect(await store.claimDueStep(claimRequest(5_500, { owner: 'server-b' }))).toBeNull();
      const sent = { sent: true as const, smtpResponse: '250 2.0.0 Ok', nextDueAt: at(70_000) };
      expect(await store.completeStep(enrolment.id, 0, 'server-b', sent, at(5_600))).toBe(false);
      expect(await store.completeStep(enrolment.id, 0, 'server-a', sent, at(5_600))).toBe(true);
      expect(await store.completeStep(enrolment.id, 0, 'server-a', sent, at(5_700))).toBe(false);
      expect(await store.getEnrolment(enrolment.id)).toMatchObject({ state: 'active', nextStep: 1, dueAt: at(70_000) });
      expect((await store.listStepSends(enrolment.id)).map((s) => [s.state, s.smtpResponse])).toEqual([['sent', '250 2.0.0 Ok']]);
      const last = must(await store.claimDueStep(claimRequest(70_000)));
      const finished = { sent: true as const, smtpResponse: '250 Ok', nextDueAt: null };
      expect(await store.completeStep(enrolment.id, 1, 'server-a', finished, at(70_001))).toBe(true);
      expect(last.kind).toBe('send');
      expect(await store.getEnrolment(enrolment.id)).toMatchObject({ state: 'finished', nextStep: 2, dueAt: null });
    });

    it('stops at claim time on a reply to the email or to a follow-up sent, naming who', async () => {
      const { store } = context;
      const first = await dueEnrolment(store);
      await store.appendMailEvent(reply(first.emailToken), 'r1@example.org');
      expect(await store.claimDueStep(claimRequest(5_000))).toMatchObject({ kind: 'stop', reason: 'reply', who: 'reader@example.org' });
      expect(await store.getEnrolment(first.id)).toMatchObject({
        state: 'stopped',
        stopReason: 'reply',
        stopDetail: 'reader@example.org',
        dueAt: null,
      });
      expect(await store.listStepSends(first.id)).toEqual([]);

      const second = await dueEnrolment(store);
      const claim = must(await store.claimDueStep(claimRequest(5_000)));
      if (claim.kind === 'stop' || claim.kind === 'pause') throw new Error('expected a send');
      await store.completeStep(second.id, 0, 'server-a', { sent: true, smtpResponse: '250 Ok', nextDueAt: at(6_000) }, at(5_001));
      await store.appendMailEvent(reply(claim.send.emailToken), 'r2@example.org');
      expect(await store.claimDueStep(claimRequest(6_000))).toMatchObject({ kind: 'stop', enrolment: { id: second.id }, reason: 'reply' });
    });

    it('never gives one step to two claims made at the same time', async () => {
      const { store } = context;
      const enrolments = await Promise.all([1, 2, 3, 4].map(() => dueEnrolment(store)));
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, index) => store.claimDueStep(claimRequest(5_000, { owner: `server-${index}` }))),
      );
      const claimed = claims.flatMap((claim) => (claim && claim.kind === 'send' ? [claim.enrolment.id] : []));
      expect(new Set(claimed).size).toBe(claimed.length);
      // A claim that lost a race answers null; whatever is left is claimed by the next calls, once.
      for (let next = await store.claimDueStep(claimRequest(5_000)); next; next = await store.claimDueStep(claimRequest(5_000))) {
        claimed.push(next.enrolment.id);
      }
      expect(claimed.sort()).toEqual(enrolments.map((e) => e.id).sort());
    });

    it('leaves the steps of the mailboxes a caller skips (busy) to other callers', async () => {
      const { store } = context;
      const enrolment = await dueEnrolment(store);
      expect(await store.claimDueStep({ ...claimRequest(5_000), skipUserIds: [ALICE.id] })).toBeNull();
      const claim = must(await store.claimDueStep({ ...claimRequest(5_000), skipUserIds: ['usr_someone_else'] }));
      expect(claim).toMatchObject({ kind: 'send', enrolment: { id: enrolment.id, userId: ALICE.id } });
      await store.completeStep(enrolment.id, 0, 'server-a', { sent: false, smtpResponse: 'done', reason: 'rep' }, at(5_001));
    });

    it('notes a claim handed to SMTP for its owner only, and gives the note back with the expired claim', async () => {
      const { store } = context;
      const enrolment = await dueEnrolment(store);
      const crashed = must(await store.claimDueStep(claimRequest(5_000, { owner: 'server-a' })));
      expect(crashed).toMatchObject({ kind: 'send', send: { smtpResponse: null } });
      expect(await store.noteStepSmtp(enrolment.id, 0, 'server-b', 'handed over', at(5_100))).toBe(false);
      expect(await store.noteStepSmtp(enrolment.id, 0, 'server-a', null, at(5_100))).toBe(true);
      expect(await store.noteStepSmtp(enrolment.id, 0, 'server-a', 'handed over', at(5_200))).toBe(true);
      const again = must(await store.claimDueStep(claimRequest(6_000, { owner: 'server-b' })));
      expect(again).toMatchObject({ kind: 'reconcile', send: { claimedBy: 'server-b', smtpResponse: 'handed over' } });
      const sent = { sent: true as const, smtpResponse: '250 2.0.0 Ok', nextDueAt: null };
      expect(await store.completeStep(enrolment.id, 0, 'server-b', sent, at(6_100))).toBe(true);
      // A completed send takes no more notes.
      expect(await store.noteStepSmtp(enrolment.id, 0, 'server-b', null, at(6_200))).toBe(false);
      expect((await store.listStepSends(enrolment.id))[0]).toMatchObject({ state: 'sent', smtpResponse: '250 2.0.0 Ok' });
    });

    it('gives an expired claim back to be reconciled with the same Message-ID, and stops on a permanent refusal', async () => {
      const { store } = context;
      const enrolment = await dueEnrolment(store);
      const crashed = must(await store.claimDueStep(claimRequest(5_000, { owner: 'server-a' })));
      if (crashed.kind === 'stop' || crashed.kind === 'pause') throw new Error('expected a send');
      expect(await store.claimDueStep(claimRequest(5_999, { owner: 'server-b' }))).toBeNull();
      const again = must(await store.claimDueStep(claimRequest(6_000, { owner: 'server-b' })));
      expect(again).toMatchObject({ kind: 'reconcile', send: { messageId: crashed.send.messageId, claimedBy: 'server-b' } });
      const refused = { sent: false as const, smtpResponse: '550 5.1.1 No such user', reason: 'bounce' };
      expect(await store.completeStep(enrolment.id, 0, 'server-a', refused, at(6_001))).toBe(false);
      expect(await store.completeStep(enrolment.id, 0, 'server-b', refused, at(6_001))).toBe(true);
      expect(await store.getEnrolment(enrolment.id)).toMatchObject({
        state: 'stopped',
        stopReason: 'bounce',
        stopDetail: '550 5.1.1 No such user',
      });
    });
  });
}
