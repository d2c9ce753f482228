// Store contract: the campaign stop rules' store side and the campaign feed events. Each state
// change writes its event (campaign_step_sent, campaign_paused, campaign_stopped) on the enrolled
// email's token in its own transaction; the claim stops an enrolment on a reply from its company
// (the campaign's option, free mail excepted) and resumes an out-of-office pause that ended; the
// watcher's lookups find a thread's enrolments, a campaign's enrolments at a domain, and Glint's
// own step Message-IDs.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/server/store/store.ts';
import { claimRequest, createdCampaign, enrolledEmail, minuteStep } from './campaign-records.ts';
import { ALICE, BOB, at, hit, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const campaign = (store: Store, stopSameCompany = false): Promise<string> =>
  createdCampaign(store, { steps: [minuteStep('One'), minuteStep('Two')], stopSameCompany });

const replyFrom = (token: string, from: string) =>
  hit(token, {
    kind: 'reply',
    userId: ALICE.id,
    at: at(4_000),
    ip: null,
    userAgent: null,
    details: { from, fromName: 'Jo Buyer', senderRole: 'to', firstLines: 'Not now.' },
  });

async function campaignEvents(store: Store, userId = ALICE.id) {
  const page = await store.readFeed({ userId, limit: 100, includeMachine: true, after: 0 });
  return page.events.filter((event) => event.kind.startsWith('campaign_'));
}

export function campaignStopContract(context: ContractContext): void {
  describe('campaign stops and feed events', () => {
    it('writes campaign_step_sent with the next step, and campaign_stopped when a step is refused for good', async () => {
      const { store } = context;
      const campaignId = await campaign(store);
      const enrolment = await enrolledEmail(store, campaignId, 'jo@buyer.example');
      must(await store.claimDueStep(claimRequest(5_000)));
      await store.completeStep(enrolment.id, 0, 'server-a', { sent: true, smtpResponse: '250 Ok', nextDueAt: at(70_000) }, at(5_100));
      const claim = must(await store.claimDueStep(claimRequest(70_000)));
      expect(claim.kind).toBe('send');
      const refused = { sent: false as const, smtpResponse: '550 5.1.1 no such user', reason: 'refused' };
      await store.completeStep(enrolment.id, 1, 'server-a', refused, at(70_100));
      const events = await campaignEvents(store);
      expect(events.map((event) => [event.kind, event.email.token, event.label])).toEqual([
        ['campaign_step_sent', enrolment.emailToken, 'human'],
        ['campaign_stopped', enrolment.emailToken, 'human'],
      ]);
      expect(events[0]?.details).toEqual({
        campaignId,
        campaignName: 'Spring outreach',
        enrolmentId: enrolment.id,
        recipient: 'jo@buyer.example',
        step: 1,
        totalSteps: 2,
        nextStepAt: at(70_000).toISOString(),
      });
      expect(events[1]?.details).toMatchObject({ reason: 'send_failed', error: '550 5.1.1 no such user' });
    });

    it('writes campaign_stopped with who replied when a claim finds the reply', async () => {
      const { store } = context;
      const enrolment = await enrolledEmail(store, await campaign(store), 'jo@buyer.example');
      await store.appendMailEvent(replyFrom(enrolment.emailToken, 'jo@buyer.example'), 'reply-1@buyer.example');
      expect(await store.claimDueStep(claimRequest(5_000))).toMatchObject({ kind: 'stop', reason: 'reply', whoName: 'Jo Buyer' });
      const [stopped] = await campaignEvents(store);
      expect(stopped).toMatchObject({ kind: 'campaign_stopped', emailToken: enrolment.emailToken, userId: ALICE.id });
      expect(stopped?.details).toMatchObject({
        reason: 'reply',
        who: 'jo@buyer.example',
        whoName: 'Jo Buyer',
        recipient: 'jo@buyer.example',
      });
    });

    it('stops a colleague at the same company at claim time when the campaign asks, never at a free-mail domain', async () => {
      const { store } = context;
      const sameCompany = await campaign(store, true);
      const replied = await enrolledEmail(store, sameCompany, 'jo@buyer.example', 9_000);
      const colleague = await enrolledEmail(store, sameCompany, 'ann@buyer.example');
      const freeMail = await enrolledEmail(store, sameCompany, 'jo@gmail.com', 5_001);
      const otherCampaign = await enrolledEmail(store, await campaign(store, false), 'max@buyer.example', 5_002);
      await store.appendMailEvent(replyFrom(replied.emailToken, 'jo@buyer.example'), 'reply-2@buyer.example');
      expect(await store.claimDueStep(claimRequest(5_500))).toMatchObject({
        kind: 'stop',
        enrolment: { id: colleague.id },
        reason: 'same_company',
        who: 'jo@buyer.example',
      });
      expect(await store.claimDueStep(claimRequest(5_500))).toMatchObject({ kind: 'send', enrolment: { id: freeMail.id } });
      expect(await store.claimDueStep(claimRequest(5_500))).toMatchObject({ kind: 'send', enrolment: { id: otherCampaign.id } });
      const [event] = await campaignEvents(store);
      expect(event?.details).toMatchObject({ reason: 'same_company', who: 'jo@buyer.example', recipient: 'ann@buyer.example' });
    });

    it('writes a transition announcement only when the enrolment moves', async () => {
      const { store } = context;
      const enrolment = await enrolledEmail(store, await campaign(store), 'jo@buyer.example');
      const pause = { kind: 'campaign_paused' as const, reason: 'rep' as const, until: null };
      expect(
        await store.transitionEnrolment(enrolment.id, ['active'], { state: 'paused', stopReason: 'rep' }, at(6_000), pause),
      ).not.toBeNull();
      expect(
        await store.transitionEnrolment(enrolment.id, ['active'], { state: 'paused', stopReason: 'rep' }, at(6_001), pause),
      ).toBeNull();
      const stop = { kind: 'campaign_stopped' as const, reason: 'manual' as const };
      expect(await store.transitionEnrolment(enrolment.id, ['active', 'paused'], { state: 'stopped' }, at(6_002), stop)).not.toBeNull();
      expect((await campaignEvents(store)).map((event) => [event.kind, (event.details as { reason: string }).reason])).toEqual([
        ['campaign_paused', 'rep'],
        ['campaign_stopped', 'manual'],
      ]);
      expect(await campaignEvents(store, BOB.id)).toEqual([]);
    });

    it('resumes an out-of-office pause by itself once it ends, never the rep pause', async () => {
      const { store } = context;
      const campaignId = await campaign(store);
      const away = await enrolledEmail(store, campaignId, 'jo@buyer.example');
      const repPaused = await enrolledEmail(store, campaignId, 'ann@buyer.example');
      await store.transitionEnrolment(
        away.id,
        ['active'],
        { state: 'paused', pausedUntil: at(50_000), dueAt: at(50_000), stopReason: 'auto_reply', stopDetail: 'jo@buyer.example' },
        at(5_000),
      );
      await store.transitionEnrolment(repPaused.id, ['active'], { state: 'paused', stopReason: 'rep' }, at(5_000));
      expect(await store.claimDueStep(claimRequest(49_999))).toBeNull();
      expect(await store.claimDueStep(claimRequest(50_000))).toMatchObject({ kind: 'send', enrolment: { id: away.id, state: 'active' } });
      expect(await store.getEnrolment(away.id)).toMatchObject({ state: 'active', pausedUntil: null, stopReason: null });
      expect(await store.claimDueStep(claimRequest(50_000))).toBeNull();
      expect(await store.getEnrolment(repPaused.id)).toMatchObject({ state: 'paused', stopReason: 'rep' });
    });

    it('finds a thread by its email or a follow-up, a campaign at a domain, and the step Message-IDs, for their user only', async () => {
      const { store } = context;
      const campaignId = await campaign(store);
      const first = await enrolledEmail(store, campaignId, 'jo@buyer.example');
      const colleague = await enrolledEmail(store, campaignId, 'ann@buyer.example', 900_000);
      await enrolledEmail(store, campaignId, 'x@sub.buyer.example', 900_000);
      await enrolledEmail(store, campaignId, 'y@buyer_example.org', 900_000);
      // Step Message-IDs are minted in lower case, as the watcher normalises the ones it reads.
      const request = { ...claimRequest(5_000), messageId: `${crypto.randomUUID()}@glint.test` };
      const claim = must(await store.claimDueStep(request));
      if (claim.kind === 'stop') throw new Error('expected a send');
      await store.completeStep(first.id, 0, 'server-a', { sent: true, smtpResponse: '250 Ok', nextDueAt: at(900_000) }, at(5_001));

      expect((await store.enrolmentsOnThread(ALICE.id, [first.emailToken])).map((e) => e.id)).toEqual([first.id]);
      expect((await store.enrolmentsOnThread(ALICE.id, [request.emailToken])).map((e) => e.id)).toEqual([first.id]);
      expect(await store.enrolmentsOnThread(BOB.id, [first.emailToken, request.emailToken])).toEqual([]);
      expect(await store.enrolmentsOnThread(ALICE.id, [])).toEqual([]);

      const atBuyer = (await store.enrolmentsAtDomain(ALICE.id, campaignId, 'Buyer.example')).map((e) => e.id);
      expect(atBuyer.sort()).toEqual([first.id, colleague.id].sort());
      await store.transitionEnrolment(colleague.id, ['active'], { state: 'stopped' }, at(6_000));
      expect((await store.enrolmentsAtDomain(ALICE.id, campaignId, 'buyer.example')).map((e) => e.id)).toEqual([first.id]);
      expect(await store.enrolmentsAtDomain(BOB.id, campaignId, 'buyer.example')).toEqual([]);
      expect(await store.enrolmentsAtDomain(ALICE.id, campaignId, 'buyer_example.com')).toEqual([]);

      expect(await store.isCampaignStepMessage(ALICE.id, request.messageId)).toBe(true);
      expect(await store.isCampaignStepMessage(ALICE.id, request.messageId.toUpperCase())).toBe(true);
      expect(await store.isCampaignStepMessage(BOB.id, request.messageId)).toBe(false);
      expect(await store.isCampaignStepMessage(ALICE.id, 'someone-else@mail.example')).toBe(false);
    });
  });
}
