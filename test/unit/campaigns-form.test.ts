// The campaigns page's form and words: a draft becomes the campaign the server takes, or every
// problem in the rep's language saying where (en, fr, nl through the real catalogues); steps move;
// enrolments are described with the actions their state allows.
import { describe, expect, it } from 'vitest';
import { campaignInputSchema, type Campaign, type Enrolment } from '../../src/shared/campaign-api.ts';
import { mintId } from '../../src/shared/ids.ts';
import {
  badMergeField,
  draftOf,
  emptyDraft,
  moveStep,
  newStep,
  validateDraft,
  type CampaignDraft,
} from '../../src/extension/campaigns/campaign-form.ts';
import { actionsFor, nextWords, stateWords, stopWords } from '../../src/extension/campaigns/enrolment-words.ts';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

const good = (): CampaignDraft => ({
  ...emptyDraft('Europe/Paris'),
  name: ' Proposal follow-up ',
  steps: [
    { ...newStep(), body: 'Hi {{first_name|there}}, any news?' },
    { ...newStep(), waitAmount: '4', waitUnit: 'hours', subject: 'Last note', body: 'Closing.' },
  ],
});

describe('validateDraft', () => {
  it('gives the campaign the server takes, trimmed, numbers as numbers', () => {
    const result = validateDraft(good());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.campaign).toMatchObject({
      name: 'Proposal follow-up',
      steps: [
        { wait: { amount: 2, unit: 'business_days' }, subject: '' },
        { wait: { amount: 4, unit: 'hours' }, subject: 'Last note' },
      ],
      window: { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'Europe/Paris' },
    });
    expect(campaignInputSchema.safeParse(result.campaign).success).toBe(true);
  });

  it('says every problem, where it is, in the rep language', () => {
    const bad: CampaignDraft = {
      ...good(),
      name: '  ',
      steps: [
        { ...newStep(), waitAmount: '1.5', body: '' },
        { ...newStep(), body: 'Hi {{first_name, how are you?' },
      ],
      days: [],
      startHour: '18',
      endHour: '9',
      timeZone: 'Mars/Olympus',
    };
    speak('en');
    const english = validateDraft(bad);
    expect(english.ok).toBe(false);
    if (english.ok) return;
    expect(english.problems.map((problem) => problem.message)).toEqual([
      'Give the campaign a name.',
      'Step 1: the wait must be a whole number from 0 to 365.',
      'Step 1: write the message.',
      'Step 2: a merge field is not written right near “{{first_name, how are you?”: write it as {{first_name}} or {{first_name|there}}.',
      'Choose at least one day when follow-ups may go out.',
      'The sending hours must be whole hours, the first from 0 to 23 and before the last (up to 24).',
      '“Mars/Olympus” is not a time zone: write one such as Europe/Paris.',
    ]);
    expect(english.problems.map((problem) => problem.where)).toEqual(['name', 'step-1', 'step-1', 'step-2', 'window', 'window', 'window']);
    speak('fr');
    const french = validateDraft({ ...good(), steps: [{ ...newStep(), body: ' ' }] });
    expect(!french.ok && french.problems.map((problem) => problem.message)).toEqual(['Étape 1 : écrivez le message.']);
    speak('nl');
    const dutch = validateDraft({ ...good(), steps: [] });
    expect(!dutch.ok && dutch.problems.map((problem) => problem.message)).toEqual(['Voeg minstens één stap toe.']);
  });

  it('reads well-formed merge fields, with or without fallback, and points at a broken one', () => {
    expect(badMergeField('Hi {{first_name}}, {{ company | your team }} and {{sender.first_name}}')).toBeNull();
    expect(badMergeField('Hi {{first_name')).toBe('{{first_name');
    expect(badMergeField('Hi first_name}}')).toBe('Hi first_name}}');
  });
});

describe('steps and stored campaigns', () => {
  it('moves a step up or down, and leaves the list alone at its ends', () => {
    const [a, b, c] = [newStep(), newStep(), newStep()];
    expect(moveStep([a, b, c], 2, -1)).toEqual([a, c, b]);
    expect(moveStep([a, b, c], 0, 1)).toEqual([b, a, c]);
    expect(moveStep([a, b, c], 0, -1)).toEqual([a, b, c]);
    expect(moveStep([a, b, c], 2, 1)).toEqual([a, b, c]);
  });

  it('turns a stored campaign back into the same campaign', () => {
    const stored: Campaign = {
      id: mintId('campaign'),
      ownerUserId: mintId('user'),
      createdAt: '2026-12-01T10:00:00.000Z',
      name: 'Cadence',
      team: true,
      steps: [{ wait: { amount: 3, unit: 'minutes' }, subject: 'Hello', body: 'Body' }],
      window: { days: [2, 4], startHour: 8, endHour: 20, timeZone: 'Europe/Brussels' },
      stopSameCompany: true,
      sender: { first_name: 'Alice' },
    };
    const result = validateDraft(draftOf(stored));
    const { id: _id, ownerUserId: _owner, createdAt: _at, ...input } = stored;
    expect(result).toEqual({ ok: true, campaign: input });
  });
});

describe('enrolment words', () => {
  const enrolment = (fields: Partial<Enrolment>): Enrolment => ({
    id: mintId('enrolment'),
    campaignId: mintId('campaign'),
    emailToken: mintId('emailToken'),
    recipient: 'alan@acme.example',
    state: 'active',
    nextStep: 1,
    stepCount: 3,
    dueAt: '2026-12-08T10:00:00.000Z',
    pausedUntil: null,
    stopReason: null,
    blockedReason: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    ...fields,
  });

  it('names the state, the next step and its time, the stop reason, and the actions that apply', () => {
    speak('en');
    expect(stateWords(enrolment({}))).toBe('Active');
    expect(nextWords(enrolment({}), 'en-GB', 'UTC')).toBe('step 2 of 3 on Tue 8 Dec, 10:00');
    expect(nextWords(enrolment({ state: 'stopped', dueAt: null }), 'en-GB', 'UTC')).toBeNull();
    expect(stopWords('reply')).toBe('someone replied');
    expect(stopWords('something_new')).toBe('something_new');
    expect(actionsFor(enrolment({}))).toEqual(['pause', 'stop']);
    expect(actionsFor(enrolment({ state: 'paused' }))).toEqual(['resume', 'stop']);
    expect(actionsFor(enrolment({ state: 'finished' }))).toEqual([]);
    speak('fr');
    expect(nextWords(enrolment({}), 'fr', 'UTC')).toBe('étape 2 sur 3 le mar. 8 déc., 10:00');
  });
});
