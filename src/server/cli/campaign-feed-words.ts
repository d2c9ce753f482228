// What `glint feed` prints after a campaign event: the campaign, the step and the next one, why it
// paused (until when) or stopped (who replied or bounced), as the popup tells it.
import type { FeedEvent } from '../../shared/api-schemas.ts';
import { parseCampaignPaused, parseCampaignStepSent, parseCampaignStopped } from '../../shared/campaign-event-details.ts';
import { printable } from './printable.ts';

const STOP_WORDS = {
  reply: 'replied',
  same_company: 'replied (same company)',
  bounce: 'bounced',
  manual: 'you wrote on the thread',
  rep: 'you stopped it',
  send_failed: 'the mail server refused the follow-up',
} as const;

const person = (who: string | undefined, name: string | undefined): string =>
  who ? (name ? `${printable(name)} <${printable(who)}>` : printable(who)) : 'someone';

export function campaignExtra(event: FeedEvent): string {
  if (event.kind === 'campaign_step_sent') {
    const sent = parseCampaignStepSent(event.details);
    if (!sent) return '';
    const next = sent.nextStepAt ? `, next ${sent.nextStepAt}` : ', the last one';
    return `${printable(JSON.stringify(sent.campaignName))}: step ${sent.step} of ${sent.totalSteps} sent to ${printable(sent.recipient)}${next}`;
  }
  if (event.kind === 'campaign_paused') {
    const paused = parseCampaignPaused(event.details);
    if (!paused) return '';
    const why = paused.reason === 'auto_reply' ? `out of office: ${person(paused.who, paused.whoName)}` : 'paused by you';
    return `${printable(JSON.stringify(paused.campaignName))}: paused for ${printable(paused.recipient)} until ${paused.until ?? 'resumed'} (${why})`;
  }
  if (event.kind === 'campaign_stopped') {
    const stopped = parseCampaignStopped(event.details);
    if (!stopped) return '';
    const named = stopped.reason === 'reply' || stopped.reason === 'same_company' || stopped.reason === 'bounce';
    const why = named ? `${person(stopped.who, stopped.whoName)} ${STOP_WORDS[stopped.reason]}` : STOP_WORDS[stopped.reason];
    const error = stopped.error ? `: ${printable(stopped.error)}` : '';
    return `${printable(JSON.stringify(stopped.campaignName))}: stopped for ${printable(stopped.recipient)}: ${why}${error}`;
  }
  return '';
}
