// Store contract: campaigns (own or shared with the team) and enrolments, one per recipient of a
// tracked email, moving only from the states a transition names.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import type { CampaignRecord, EnrolmentRecord } from '../../../src/server/store/store.ts';
import { campaignRecord, enrolmentRecord } from './campaign-records.ts';
import { ACME, ALICE, BOB, CAROL, GLOBEX, at, emailRecord, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const campaign = (ownerUserId: string, fields: Partial<CampaignRecord> = {}): CampaignRecord =>
  campaignRecord(ownerUserId, {
    name: 'Quarterly follow-up',
    steps: [
      { wait: { amount: 2, unit: 'business_days' }, subject: '', body: 'Hi {{first_name|there}}, any news?' },
      { wait: { amount: 3, unit: 'hours' }, subject: 'Last note', body: 'Closing the loop.' },
    ],
    window: { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'Europe/Paris' },
    stopSameCompany: true,
    sender: { first_name: 'Alice' },
    ...fields,
  });

const enrolment = (campaignId: string, userId: string, emailToken: string, fields: Partial<EnrolmentRecord> = {}): EnrolmentRecord =>
  enrolmentRecord(campaignId, userId, emailToken, 'Reader@Example.org', { fields: { company: 'Example' }, ...fields });

export function campaignContract(context: ContractContext): void {
  describe('campaigns', () => {
    it('keeps a campaign as given and lists the own and the team ones, newest first', async () => {
      const { store } = context;
      const own = campaign(ALICE.id);
      const teammates = campaign(BOB.id, { teamId: ACME.id, name: 'Team cadence', stopSameCompany: false, createdAt: at(300) });
      const bobsPrivate = campaign(BOB.id, { createdAt: at(400) });
      const otherTeam = campaign(CAROL.id, { teamId: GLOBEX.id, createdAt: at(500) });
      for (const record of [own, teammates, bobsPrivate, otherTeam]) await store.createCampaign(record);
      expect(await store.getCampaign(own.id)).toEqual(own);
      expect(await store.getCampaign(mintId('campaign'))).toBeNull();
      expect((await store.listCampaigns(ALICE.id, ACME.id)).map((c) => c.name)).toEqual(['Team cadence', 'Quarterly follow-up']);
      expect(await store.listCampaigns(CAROL.id, GLOBEX.id)).toEqual([otherTeam]);
    });

    it('enrols a recipient of an email once, lowercased, and keeps the first enrolment', async () => {
      const { store } = context;
      const record = campaign(ALICE.id);
      await store.createCampaign(record);
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const first = await store.enrol(enrolment(record.id, ALICE.id, email.token));
      expect(first.created).toBe(true);
      expect(first.enrolment).toMatchObject({ recipient: 'reader@example.org', fields: { company: 'Example' }, dueAt: at(5_000) });
      const again = await store.enrol(enrolment(record.id, ALICE.id, email.token, { recipient: 'READER@example.org' }));
      expect(again).toEqual({ created: false, enrolment: first.enrolment });
      expect(await store.getEnrolment(first.enrolment.id)).toEqual(first.enrolment);
      expect(await store.listEnrolments(record.id, ALICE.id)).toEqual([first.enrolment]);
      expect(await store.listEnrolments(record.id, BOB.id)).toEqual([]);
    });

    it('moves an enrolment only from the states named, keeping what the change leaves out', async () => {
      const { store } = context;
      const record = campaign(ALICE.id);
      await store.createCampaign(record);
      const { enrolment: active } = await store.enrol(enrolment(record.id, ALICE.id, emailRecord(ALICE.id).token));
      const paused = await store.transitionEnrolment(
        active.id,
        ['active'],
        { state: 'paused', pausedUntil: at(9_000), stopReason: 'rep' },
        at(600),
      );
      expect(paused).toEqual({ ...active, state: 'paused', pausedUntil: at(9_000), stopReason: 'rep', updatedAt: at(600) });
      expect(await store.transitionEnrolment(active.id, ['active'], { state: 'stopped' }, at(700))).toBeNull();
      const stopped = must(
        await store.transitionEnrolment(
          active.id,
          ['active', 'paused'],
          { state: 'stopped', dueAt: null, stopReason: 'reply', stopDetail: 'reader@example.org' },
          at(800),
        ),
      );
      expect(stopped).toMatchObject({
        state: 'stopped',
        dueAt: null,
        pausedUntil: at(9_000),
        stopReason: 'reply',
        stopDetail: 'reader@example.org',
      });
      expect(await store.transitionEnrolment(mintId('enrolment'), ['active'], { state: 'paused' }, at(900))).toBeNull();
      expect(await store.getEnrolment(active.id)).toEqual(stopped);
    });
  });
}
