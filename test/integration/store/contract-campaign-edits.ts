// Store contract: editing a campaign replaces its name, steps, window and options; enrolments
// still going whose next step was removed finish in the same transaction, the others are untouched.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import type { CampaignEdit, CampaignRecord, EnrolmentRecord } from '../../../src/server/store/store.ts';
import { campaignRecord, enrolmentRecord } from './campaign-records.ts';
import { ACME, ALICE, at, emailRecord, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const STEP = { wait: { amount: 1, unit: 'business_days' as const }, subject: '', body: 'Any news?' };

const campaign = (): CampaignRecord =>
  campaignRecord(ALICE.id, {
    name: 'Three touches',
    steps: [STEP, { ...STEP, body: 'Second' }, { ...STEP, body: 'Third' }],
    window: { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'UTC' },
  });

export function campaignEditContract(context: ContractContext): void {
  describe('campaign edits', () => {
    it('replaces the editable fields and keeps the id, author and creation time', async () => {
      const { store } = context;
      const record = campaign();
      await store.createCampaign(record);
      const edit: CampaignEdit = {
        teamId: ACME.id,
        name: 'Two touches',
        steps: [{ ...STEP, subject: 'New subject', wait: { amount: 4, unit: 'hours' } }],
        window: { days: [2, 4], startHour: 10, endHour: 12, timeZone: 'Europe/Brussels' },
        stopSameCompany: true,
        sender: { first_name: 'Alice' },
      };
      const result = must(await store.updateCampaign(record.id, edit, at(300)));
      expect(result.campaign).toEqual({ ...record, ...edit });
      expect(await store.getCampaign(record.id)).toEqual({ ...record, ...edit });
      expect(await store.updateCampaign(mintId('campaign'), edit, at(300))).toBeNull();
    });

    it('finishes the enrolments still going whose next step was removed, and only those', async () => {
      const { store } = context;
      const record = campaign();
      await store.createCampaign(record);
      const enrol = async (recipient: string, fields: Partial<EnrolmentRecord>): Promise<EnrolmentRecord> =>
        (await store.enrol(enrolmentRecord(record.id, ALICE.id, emailRecord(ALICE.id).token, recipient, fields))).enrolment;
      const early = await enrol('early@example.org', { nextStep: 0 });
      const late = await enrol('late@example.org', { nextStep: 2 });
      const pausedLate = await enrol('paused@example.org', { nextStep: 1, state: 'paused', dueAt: null });
      const stopped = await enrol('stopped@example.org', { nextStep: 2, state: 'stopped', dueAt: null, stopReason: 'reply' });

      const result = must(await store.updateCampaign(record.id, { ...record, steps: [STEP] }, at(900)));
      expect(result.finished).toBe(2);
      expect(await store.getEnrolment(early.id)).toEqual(early);
      expect(await store.getEnrolment(late.id)).toEqual({ ...late, state: 'finished', dueAt: null, updatedAt: at(900) });
      expect(await store.getEnrolment(pausedLate.id)).toEqual({ ...pausedLate, state: 'finished', updatedAt: at(900) });
      expect(await store.getEnrolment(stopped.id)).toEqual(stopped);
    });
  });
}
