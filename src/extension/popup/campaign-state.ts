// Where each follow-up of an email stands, from the campaign events in the feed database: the
// latest event of each enrolment (one per recipient) says it. Details are parsed with the shared
// schemas; an event whose details do not parse is ignored, never trusted.
import {
  parseCampaignPaused,
  parseCampaignStepSent,
  parseCampaignStopped,
  type CampaignPausedDetails,
  type CampaignStepSentDetails,
  type CampaignStoppedDetails,
} from '../../shared/campaign-event-details.ts';
import type { EventKind } from '../../shared/event-model.ts';
import type { StoredFeedEvent } from '../data/feed-db.ts';

export const CAMPAIGN_KINDS = ['campaign_step_sent', 'campaign_paused', 'campaign_stopped'] as const satisfies readonly EventKind[];

export type CampaignState =
  | { kind: 'step_sent'; details: CampaignStepSentDetails }
  | { kind: 'paused'; details: CampaignPausedDetails }
  | { kind: 'stopped'; details: CampaignStoppedDetails };

function stateOf(event: Pick<StoredFeedEvent, 'kind' | 'details'>): CampaignState | null {
  if (event.kind === 'campaign_step_sent') {
    const details = parseCampaignStepSent(event.details);
    return details && { kind: 'step_sent', details };
  }
  if (event.kind === 'campaign_paused') {
    const details = parseCampaignPaused(event.details);
    return details && { kind: 'paused', details };
  }
  if (event.kind === 'campaign_stopped') {
    const details = parseCampaignStopped(event.details);
    return details && { kind: 'stopped', details };
  }
  return null;
}

type CampaignEvent = Pick<StoredFeedEvent, 'kind' | 'details' | 'at' | 'cursor' | 'emailToken'>;

/** Later first: by time, then by the feed's order for events of the same instant. */
function isLater(a: CampaignEvent, b: CampaignEvent): boolean {
  if (a.at !== b.at) return a.at > b.at;
  return a.cursor.length !== b.cursor.length ? a.cursor.length > b.cursor.length : a.cursor > b.cursor;
}

/** Each email's enrolments as their latest event says, ordered by recipient. */
export function campaignStates(events: readonly CampaignEvent[]): Map<string, CampaignState[]> {
  const latest = new Map<string, { event: CampaignEvent; state: CampaignState }>();
  for (const event of events) {
    const state = stateOf(event);
    if (!state) continue;
    const key = `${event.emailToken} ${state.details.enrolmentId}`;
    const current = latest.get(key);
    if (!current || isLater(event, current.event)) latest.set(key, { event, state });
  }
  const byEmail = new Map<string, CampaignState[]>();
  for (const { event, state } of latest.values()) {
    const list = byEmail.get(event.emailToken) ?? [];
    list.push(state);
    byEmail.set(event.emailToken, list);
  }
  for (const list of byEmail.values()) list.sort((a, b) => a.details.recipient.localeCompare(b.details.recipient));
  return byEmail;
}
