// Store contract: what a step's claim checks besides replies and bounces. An out-of-office on the
// thread that the watcher has not acted on yet pauses the enrolment at the claim (until the day
// after its return date, with its campaign_paused event) and sends nothing; one already behind the
// enrolment's last change never pauses it again. One that came before an enrolment made later (by
// API or CLI, for an email already sent) pauses its first claim the same way, unless its return
// date is behind or, without a date, its days have passed since it arrived; once the rep resumes,
// it is acted on and pauses nothing more. Pacing per mailbox is counted in the store, so it
// holds for every process sharing it: a mailbox over its per-minute limit gets no claim until the
// minute has passed, while other mailboxes go on.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import { applyRepAction } from '../../../src/server/campaigns/enrolments.ts';
import type { StepClaimRequest } from '../../../src/server/store/store.ts';
import { claimRequest, createdCampaign, enrolledEmail } from './campaign-records.ts';
import { ALICE, BOB, at, hit, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const DAY = 86_400_000;

const claimAt = (ms: number, pacing?: StepClaimRequest['pacing']): StepClaimRequest =>
  // Longer than any test here: a claim is never taken over as a crashed send.
  claimRequest(ms, { leaseMs: 10 * 86_400_000, pacing, autoReplyPauseDays: 7 });

const outOfOffice = (token: string, from: string, ms: number, returnDate: string | null) =>
  hit(token, {
    kind: 'auto_reply',
    userId: ALICE.id,
    at: at(ms),
    ip: null,
    userAgent: null,
    details: { from, fromName: 'Jo Buyer', senderRole: 'to', returnDate },
  });

export function campaignClaimCheckContract(context: ContractContext): void {
  describe('campaign claim checks: out-of-office and pacing', () => {
    it('pauses at the claim on an out-of-office the watcher has not acted on, until the day after its return date', async () => {
      const { store } = context;
      const enrolment = await enrolledEmail(store, await createdCampaign(store), 'jo@buyer.example', 5_000);
      // T0 is 2023-11-14 (UTC): back on the 20th, so nothing goes out before the 21st.
      await store.appendMailEvent(outOfOffice(enrolment.emailToken, 'Jo@Buyer.example', 4_000, '2023-11-20'), 'ooo-1@buyer.example');
      const claim = must(await store.claimDueStep(claimAt(5_000)));
      expect(claim).toMatchObject({ kind: 'pause', reason: 'auto_reply', until: '2023-11-21', who: 'Jo@Buyer.example' });
      const paused = must(await store.getEnrolment(enrolment.id));
      expect(paused).toMatchObject({ state: 'paused', stopReason: 'auto_reply', stopDetail: 'Jo@Buyer.example' });
      expect(paused.pausedUntil?.toISOString()).toBe('2023-11-21T00:00:00.000Z');
      expect(await store.listStepSends(enrolment.id)).toEqual([]);
      expect(await store.claimDueStep(claimAt(5_001))).toBeNull();
      const page = await store.readFeed({ userId: ALICE.id, limit: 100, includeMachine: true, after: 0 });
      const events = page.events.filter((event) => event.kind === 'campaign_paused');
      expect(events.map((event) => event.details)).toEqual([
        expect.objectContaining({ reason: 'auto_reply', until: '2023-11-21', who: 'Jo@Buyer.example', whoName: 'Jo Buyer' }),
      ]);

      // Once the pause has ended the same out-of-office is behind the enrolment's last change: the step goes out.
      const resumedAt = Date.parse('2023-11-21T00:00:00.000Z') - at(0).getTime();
      expect(await store.claimDueStep(claimAt(resumedAt))).toMatchObject({ kind: 'send', enrolment: { id: enrolment.id } });
    });

    it('pauses the first claim of a later enrolment on an out-of-office that came before it, until the day after its return date', async () => {
      const { store } = context;
      const enrolment = await enrolledEmail(store, await createdCampaign(store), 'jo@buyer.example', 5_000);
      // Recorded before the enrolment (at 200), when the watcher had no enrolment to pause.
      await store.appendMailEvent(outOfOffice(enrolment.emailToken, 'jo@buyer.example', 150, '2023-11-20'), 'ooo-early@buyer.example');
      expect(await store.claimDueStep(claimAt(5_000))).toMatchObject({ kind: 'pause', until: '2023-11-21', who: 'jo@buyer.example' });
      const paused = must(await store.getEnrolment(enrolment.id));
      expect(paused.pausedUntil?.toISOString()).toBe('2023-11-21T00:00:00.000Z');
      expect(await store.listStepSends(enrolment.id)).toEqual([]);
      const backAt = Date.parse('2023-11-21T00:00:00.000Z') - at(0).getTime();
      expect(await store.claimDueStep(claimAt(backAt - 1))).toBeNull();
      expect(await store.claimDueStep(claimAt(backAt))).toMatchObject({ kind: 'send', enrolment: { id: enrolment.id } });
    });

    it('does not pause a later enrolment on an earlier out-of-office that is over: no date three weeks ago, or a past return date', async () => {
      const { store } = context;
      const campaignId = await createdCampaign(store);
      const undated = await enrolledEmail(store, campaignId, 'jo@buyer.example', 5_000);
      await store.appendMailEvent(outOfOffice(undated.emailToken, 'jo@buyer.example', -21 * DAY, null), 'ooo-old@buyer.example');
      expect(await store.claimDueStep(claimAt(5_000))).toMatchObject({ kind: 'send', enrolment: { id: undated.id } });

      const behind = await enrolledEmail(store, campaignId, 'ann@buyer.example', 5_100);
      await store.appendMailEvent(outOfOffice(behind.emailToken, 'ann@buyer.example', -10 * DAY, '2023-11-10'), 'ooo-past@buyer.example');
      expect(await store.claimDueStep(claimAt(5_100))).toMatchObject({ kind: 'send', enrolment: { id: behind.id } });

      // Without a date, three days ago (11 November): the seven days count from then, to the 18th.
      const recent = await enrolledEmail(store, campaignId, 'max@buyer.example', 5_200);
      await store.appendMailEvent(outOfOffice(recent.emailToken, 'max@buyer.example', -3 * DAY, null), 'ooo-recent@buyer.example');
      expect(await store.claimDueStep(claimAt(5_200))).toMatchObject({ kind: 'pause', until: '2023-11-18' });
    });

    it('does not pause, on an earlier out-of-office, an enrolment the rep paused and resumed since', async () => {
      const { store } = context;
      const campaignId = await createdCampaign(store);
      const enrolment = await enrolledEmail(store, campaignId, 'jo@buyer.example', 5_000);
      await store.appendMailEvent(outOfOffice(enrolment.emailToken, 'jo@buyer.example', 150, '2023-11-20'), 'ooo-resumed@buyer.example');
      // The rep's resume is the enrolment's last change: whatever came before it was the rep's to weigh.
      const campaignRecord = must(await store.getCampaign(campaignId));
      await applyRepAction(store, enrolment, campaignRecord, 'pause', at(1_000));
      await applyRepAction(store, must(await store.getEnrolment(enrolment.id)), campaignRecord, 'resume', at(2_000));
      expect(await store.claimDueStep(claimAt(5_000))).toMatchObject({ kind: 'send', enrolment: { id: enrolment.id } });
    });

    it('ignores an out-of-office from another recipient of the thread', async () => {
      const { store } = context;
      const campaignId = await createdCampaign(store);
      const other = await enrolledEmail(store, campaignId, 'ann@buyer.example', 5_100);
      await store.enrol({ ...other, id: mintId('enrolment'), recipient: 'max@buyer.example', dueAt: at(900_000) });
      await store.appendMailEvent(outOfOffice(other.emailToken, 'max@buyer.example', 4_000, null), 'ooo-3@buyer.example');
      expect(await store.claimDueStep(claimAt(5_100))).toMatchObject({ kind: 'send', enrolment: { id: other.id } });
    });

    it('claims at most the per-minute limit of a mailbox, the rest after the minute, other mailboxes meanwhile', async () => {
      const { store } = context;
      const campaignId = await createdCampaign(store);
      const pacing = { perMinute: 2, perDay: 100 };
      const alices = [];
      for (let i = 0; i < 5; i++) alices.push(await enrolledEmail(store, campaignId, `p${i}@buyer.example`, 5_000 + i));
      const bobs = await enrolledEmail(store, await createdCampaign(store, { ownerUserId: BOB.id }), 'jo@buyer.example', 5_010, BOB.id);

      const claimed = async (ms: number): Promise<string[]> => {
        const ids: string[] = [];
        for (let claim = await store.claimDueStep(claimAt(ms, pacing)); claim; claim = await store.claimDueStep(claimAt(ms, pacing))) {
          ids.push(claim.enrolment.id);
        }
        return ids;
      };
      expect(await claimed(10_000)).toEqual([alices[0]?.id, alices[1]?.id, bobs.id]);
      expect(await claimed(69_999)).toEqual([]);
      expect(await claimed(70_000)).toEqual([alices[2]?.id, alices[3]?.id]);
      expect(await claimed(130_000)).toEqual([alices[4]?.id]);
    });

    it('holds a mailbox at its per-day limit for 24 hours', async () => {
      const { store } = context;
      const campaignId = await createdCampaign(store);
      const pacing = { perMinute: 10, perDay: 2 };
      const first = await enrolledEmail(store, campaignId, 'a@buyer.example', 5_000);
      const second = await enrolledEmail(store, campaignId, 'b@buyer.example', 5_001);
      const third = await enrolledEmail(store, campaignId, 'c@buyer.example', 5_002);
      expect(await store.claimDueStep(claimAt(10_000, pacing))).toMatchObject({ enrolment: { id: first.id } });
      expect(await store.claimDueStep(claimAt(200_000, pacing))).toMatchObject({ enrolment: { id: second.id } });
      expect(await store.claimDueStep(claimAt(86_409_999, pacing))).toBeNull();
      expect(await store.claimDueStep(claimAt(86_410_001, pacing))).toMatchObject({ enrolment: { id: third.id } });
    });
  });
}
