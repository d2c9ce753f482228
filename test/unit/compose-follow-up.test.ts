// The Follow up drop-down against the fake Gmail: it lists the rep's campaigns (from the
// background), keeps the choice per compose, and after the send asks the outbox to enrol the
// email; no choice, an untracked email, or a background that fails never touch the send.
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/shared/campaign-api.ts';
import { mintId } from '../../src/shared/ids.ts';
import followUp from '../../src/extension/content/features/follow-up.ts';
import instrumentOnSend from '../../src/extension/content/features/instrument-on-send.ts';
import { BackgroundError } from '../../src/extension/content/background-client.ts';
import { composeHarness, drainMicrotasks, signedInContext } from './compose-harness.ts';

const campaign = (name: string): Campaign => ({
  id: mintId('campaign'),
  ownerUserId: mintId('user'),
  name,
  team: false,
  steps: [{ wait: { amount: 2, unit: 'business_days' }, subject: '', body: 'Any news?' }],
  window: { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'UTC' },
  stopSameCompany: false,
  sender: {},
  createdAt: '2026-11-01T10:00:00.000Z',
});

const PROPOSAL = campaign('Proposal follow-up');
const DEMO = campaign('<img src=x onerror=alert(1)> Demo');

async function withCampaigns(campaigns: Campaign[], context = signedInContext()) {
  return composeHarness([instrumentOnSend, followUp], {
    context,
    responders: {
      'campaigns.list': async () => ({ campaigns }),
      'outbox.enrol': async () => ({ queued: true }),
    },
  });
}

describe('follow-up', () => {
  it("lists the rep's campaigns beside the switches, none chosen", async () => {
    const h = await withCampaigns([PROPOSAL, DEMO]);
    const compose = h.gmail.openCompose();
    const [choice] = compose.choices;
    expect(choice?.spec.label).toBe('compose_followUp');
    expect(choice?.enabled).toBe(false); // until the campaigns are there
    await drainMicrotasks();
    expect(choice?.options).toEqual([
      { value: '', label: 'compose_followUp_none' },
      { value: PROPOSAL.id, label: PROPOSAL.name },
      { value: DEMO.id, label: DEMO.name },
    ]);
    expect(choice?.value).toBe('');
    expect(choice?.enabled).toBe(true);
  });

  it('enrols the sent email in the campaign chosen for this compose only', async () => {
    const h = await withCampaigns([PROPOSAL, DEMO]);
    const first = h.gmail.openCompose({ draft: 'r-1' });
    const second = h.gmail.openCompose({ draft: 'r-2' });
    await drainMicrotasks();
    first.choices[0]?.pick(DEMO.id);
    second.choices[0]?.pick(PROPOSAL.id);
    second.choices[0]?.pick('');
    await first.send();
    await second.send();
    const { request: registration } = await h.callNumber('outbox.register');
    const enrol = await h.callNumber('outbox.enrol');
    expect(enrol.request).toEqual({ token: registration.token, campaignId: DEMO.id });
    await drainMicrotasks();
    expect(h.callsOf('outbox.enrol')).toHaveLength(1);
  });

  it('says so when there is no campaign yet, or the campaigns cannot be read', async () => {
    const none = await withCampaigns([]);
    const compose = none.gmail.openCompose();
    await drainMicrotasks();
    expect(compose.choices[0]).toMatchObject({ options: [{ value: '', label: 'compose_followUp_noCampaigns' }], enabled: false });

    const failing = await composeHarness([followUp], {
      responders: {
        'campaigns.list': async () => {
          throw new BackgroundError('signed-out', 'Sign in to Glint');
        },
      },
    });
    const offline = failing.gmail.openCompose();
    await drainMicrotasks();
    expect(offline.choices[0]).toMatchObject({ options: [{ value: '', label: 'compose_followUp_unavailable' }], enabled: false });
    await offline.send();
    expect(failing.callsOf('outbox.enrol')).toEqual([]);
  });

  it('reports, without enrolling, a follow-up chosen for an email that went out untracked', async () => {
    const h = await withCampaigns([PROPOSAL], signedInContext({ excludedDomains: ['customer.example'] }));
    const compose = h.gmail.openCompose({ draft: 'r-1', subjectText: 'Private' });
    await drainMicrotasks();
    compose.choices[0]?.pick(PROPOSAL.id);
    await compose.send();
    await drainMicrotasks();
    expect(h.callsOf('outbox.enrol')).toEqual([]);
    expect(h.callsOf('compose.reportFailure').map((call) => call.request)).toEqual([
      { reason: 'enrolment-refused', detail: expect.stringMatching(/untracked/), subject: 'Private' },
    ]);
  });

  it('reports an enrolment the background could not queue; the email was sent all the same', async () => {
    const h = await composeHarness([instrumentOnSend, followUp], {
      responders: {
        'campaigns.list': async () => ({ campaigns: [PROPOSAL] }),
        'outbox.enrol': async () => {
          throw new BackgroundError('unreachable', 'Glint was reloaded');
        },
      },
    });
    const compose = h.gmail.openCompose({ draft: 'r-1' });
    await drainMicrotasks();
    compose.choices[0]?.pick(PROPOSAL.id);
    const sent = await compose.send();
    expect(sent.sentBody).toContain('/t/o/');
    await drainMicrotasks();
    expect(h.callsOf('compose.reportFailure').map((call) => call.request.reason)).toEqual(['enrolment-refused']);
  });
});
