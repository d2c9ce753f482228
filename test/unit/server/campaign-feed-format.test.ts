// `glint feed` lines of campaign events: the step sent and the next one, the pause and until when,
// the stop and who replied; a campaign name or address reaches the terminal inert.
import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { formatEvent } from '../../../src/server/cli/feed-command.ts';

const ref = { campaignId: 'cp_1', campaignName: 'Proposal follow-up', enrolmentId: 'en_1', recipient: 'camille.martin@acme.example' };

const campaignEvent = (kind: FeedEvent['kind'], details: Record<string, unknown>): FeedEvent => ({
  id: 'ev_AAAAAAAAAAAAAAAAAAAAAA',
  cursor: '7',
  kind,
  label: 'human',
  reason: 'no-machine-signal',
  at: '2026-12-03T10:00:00.000Z',
  repeat: false,
  email: {
    token: 'em_AAAAAAAAAAAAAAAAAAAAAA',
    subject: 'Proposal',
    to: ['camille.martin@acme.example'],
    cc: [],
    sentAt: '2026-12-03T09:00:00.000Z',
    gmailThreadId: null,
  },
  linkIndex: null,
  url: null,
  userAgent: null,
  details: { ...ref, ...details },
});

const extra = (event: FeedEvent): string => formatEvent(event).split('  to camille.martin@acme.example  ')[1] ?? '';

describe('glint feed lines of campaign events', () => {
  it('prints the step sent and when the next one is due, or that it was the last', () => {
    const sent = campaignEvent('campaign_step_sent', { step: 1, totalSteps: 2, nextStepAt: '2026-12-07T09:00:00.000Z' });
    expect(extra(sent)).toBe('"Proposal follow-up": step 1 of 2 sent to camille.martin@acme.example, next 2026-12-07T09:00:00.000Z');
    expect(extra(campaignEvent('campaign_step_sent', { step: 2, totalSteps: 2, nextStepAt: null }))).toMatch(
      /step 2 of 2 .*, the last one$/,
    );
  });

  it('prints until when an out-of-office paused it, and who was away', () => {
    const paused = campaignEvent('campaign_paused', {
      reason: 'auto_reply',
      until: '2026-12-16',
      who: 'jan@klant.example',
      whoName: 'Jan',
    });
    expect(extra(paused)).toBe(
      '"Proposal follow-up": paused for camille.martin@acme.example until 2026-12-16 (out of office: Jan <jan@klant.example>)',
    );
    expect(extra(campaignEvent('campaign_paused', { reason: 'rep', until: null }))).toMatch(/until resumed \(paused by you\)$/);
  });

  it('prints who replied, bounced or why else it stopped, inert', () => {
    const replied = campaignEvent('campaign_stopped', { reason: 'reply', who: 'camille.martin@acme.example', whoName: 'Camille Martin' });
    expect(extra(replied)).toBe(
      '"Proposal follow-up": stopped for camille.martin@acme.example: Camille Martin <camille.martin@acme.example> replied',
    );
    expect(extra(campaignEvent('campaign_stopped', { reason: 'same_company', who: 'cfo@acme.example' }))).toMatch(
      /: cfo@acme\.example replied \(same company\)$/,
    );
    expect(extra(campaignEvent('campaign_stopped', { reason: 'manual' }))).toMatch(/: you wrote on the thread$/);
    expect(extra(campaignEvent('campaign_stopped', { reason: 'send_failed', error: '550 no\u001b[2J' }))).toMatch(
      /refused the follow-up: 550 no\\u001b\[2J$/,
    );
    expect(extra(campaignEvent('campaign_stopped', { reason: 'made_up' }))).toBe('');
  });
});
