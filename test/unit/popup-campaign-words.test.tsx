// The popup's follow-up lines: the latest event of each enrolment says where it stands, in the
// rep's language and time zone (en, en-GB, fr, nl through the real catalogues and Intl), every
// stop and pause reason has its words, and a hostile name stays text.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { CampaignLines } from '../../src/extension/popup/campaign-lines.tsx';
import { campaignStates, type CampaignState } from '../../src/extension/popup/campaign-state.ts';
import { campaignWords, formatStepTime } from '../../src/extension/popup/campaign-words.ts';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

const NOW = new Date('2026-12-03T18:00:00Z'); // a Thursday
const ref = { campaignId: mintId('campaign'), campaignName: 'Proposal', enrolmentId: mintId('enrolment'), recipient: 'alan@acme.example' };
const next: CampaignState = { kind: 'step_sent', details: { ...ref, step: 1, totalSteps: 3, nextStepAt: '2026-12-08T10:00:00Z' } };
const away: CampaignState = { kind: 'paused', details: { ...ref, reason: 'auto_reply', until: '2026-12-14', whoName: 'Alan' } };
const replied: CampaignState = { kind: 'stopped', details: { ...ref, reason: 'reply', who: 'alan@acme.example', whoName: 'Alan' } };
const words = (state: CampaignState, language: string): string => campaignWords(state, { language, timeZone: 'UTC', now: NOW });

describe('follow-up lines in the rep language', () => {
  it('says the next step and its time, the pause and the stop, in English', () => {
    speak('en');
    expect(words(next, 'en-GB')).toBe('Step 2 of 3 on Tue 10:00');
    expect(words(next, 'en')).toBe('Step 2 of 3 on Tue 10:00 AM');
    expect(words(away, 'en-GB')).toBe('Paused until 14 Dec: out of office');
    expect(words(away, 'en')).toBe('Paused until Dec 14: out of office');
    expect(words(replied, 'en')).toBe('Stopped: Alan replied');
  });

  it('says them in French and Dutch with their own date formats', () => {
    speak('fr');
    expect(words(next, 'fr')).toBe('Étape 2 sur 3 le mar. 10:00');
    expect(words(away, 'fr')).toBe('En pause jusqu’au 14 déc. : absent du bureau');
    expect(words(replied, 'fr')).toBe('Arrêtée : Alan a répondu');
    speak('nl');
    expect(words(next, 'nl')).toBe('Stap 2 van 3 op di 10:00');
    expect(words(away, 'nl')).toBe('Gepauzeerd tot 14 dec: afwezig');
    expect(words(replied, 'nl')).toBe('Gestopt: Alan heeft geantwoord');
  });

  it('shows the time in the rep time zone, and the date when the step is more than a week away', () => {
    expect(formatStepTime('2026-12-08T10:00:00Z', { language: 'en-GB', timeZone: 'Europe/Brussels', now: NOW })).toBe('Tue 11:00');
    expect(formatStepTime('2026-12-22T10:00:00Z', { language: 'en-GB', timeZone: 'UTC', now: NOW })).toBe('Tue 22 Dec, 10:00');
  });

  it('has words for every stop and pause reason, naming who by name, else by address', () => {
    speak('en');
    const stopped = (details: Partial<Extract<CampaignState, { kind: 'stopped' }>['details']>): string =>
      words({ kind: 'stopped', details: { ...ref, reason: 'reply', ...details } }, 'en');
    expect(stopped({ who: 'alan@acme.example' })).toBe('Stopped: alan@acme.example replied');
    expect(stopped({ reason: 'same_company', who: 'bea@acme.example', whoName: 'Bea' })).toBe('Stopped: Bea from the same company replied');
    expect(stopped({ reason: 'bounce', who: 'alan@acme.example' })).toBe('Stopped: the email to alan@acme.example bounced');
    expect(stopped({ reason: 'manual' })).toBe('Stopped: you wrote on the thread yourself');
    expect(stopped({ reason: 'rep' })).toBe('Stopped by you');
    expect(stopped({ reason: 'send_failed', error: '550 5.1.1 no such user' })).toBe(
      'Stopped: your mail server refused the follow-up (550 5.1.1 no such user)',
    );
    const paused = (details: Partial<Extract<CampaignState, { kind: 'paused' }>['details']>): string =>
      words({ kind: 'paused', details: { ...ref, reason: 'auto_reply', until: null, ...details } }, 'en');
    expect(paused({})).toBe('Paused: out of office');
    expect(paused({ reason: 'rep' })).toBe('Paused by you');
    expect(paused({ reason: 'rep', until: '2026-12-14' })).toBe('Paused by you until Dec 14');
    expect(words({ kind: 'step_sent', details: { ...ref, step: 3, totalSteps: 3, nextStepAt: null } }, 'en')).toBe(
      'Follow-ups done (3 sent)',
    );
  });

  it('renders a hostile name as inert text, without its control characters', () => {
    speak('en');
    const hostile: CampaignState = {
      kind: 'stopped',
      details: { ...ref, reason: 'reply', whoName: '<img src=x onerror=alert(1)>\u202eAlan\n' },
    };
    const html = renderToStaticMarkup(<CampaignLines states={[hostile]} />);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;Alan replied');
    expect(html).not.toContain('\u202e');
  });
});

describe('campaignStates', () => {
  const event = (kind: string, details: unknown, at: string, cursor: string, emailToken = 'em_one') => ({
    kind: kind as 'campaign_step_sent',
    details: details as Record<string, unknown>,
    at,
    cursor,
    emailToken,
  });

  it('keeps the latest event of each enrolment, names recipients when there are several, and ignores malformed details', () => {
    speak('en');
    const other = { ...ref, enrolmentId: mintId('enrolment'), recipient: 'bea@acme.example' };
    const states = campaignStates([
      event('campaign_step_sent', next.details, '2026-12-01T10:00:00Z', '5'),
      event('campaign_stopped', replied.details, '2026-12-02T10:00:00Z', '9'),
      event('campaign_paused', { ...other, reason: 'auto_reply', until: '2026-12-14' }, '2026-12-02T10:00:00Z', '10'),
      event('campaign_stopped', { ...other, reason: 'not-a-reason' }, '2026-12-03T10:00:00Z', '11'),
      event('campaign_step_sent', next.details, '2026-12-01T10:00:00Z', '6', 'em_two'),
    ]);
    expect(states.get('em_one')?.map((state) => state.kind)).toEqual(['stopped', 'paused']); // by recipient
    expect(states.get('em_two')?.map((state) => state.kind)).toEqual(['step_sent']);
    const html = renderToStaticMarkup(<CampaignLines states={states.get('em_one') ?? []} />);
    expect(html).toContain('alan@acme.example');
    expect(html).toContain('bea@acme.example');
    expect(renderToStaticMarkup(<CampaignLines states={states.get('em_two') ?? []} />)).not.toContain('campaign-line__recipient');
  });
});
