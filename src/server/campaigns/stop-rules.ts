// The stop rules applied as the mailbox watcher records a mail event (the claim of a step checks
// replies and bounces once more, in its own transaction, so a step racing the event never goes
// out after it): a reply from anyone but the rep stops the thread's enrolments (and, when the
// campaign asks, every enrolment of the campaign at the replier's company, free mail excepted);
// a bounce stops the bounced recipient's; an out-of-office pauses the away person's. Each change
// writes its feed event in the store's transaction; the feed is woken once after.
import { parseAutoReplyDetails, parseBounceDetails, parseReplyDetails } from '../../shared/event-details.ts';
import type { FeedHub } from '../ingest/feed-hub.ts';
import type { CampaignAnnouncement, EnrolmentChange, EnrolmentRecord, StoredEvent, Store } from '../store/store.ts';
import { autoReplyPause, DEFAULT_AUTO_REPLY_PAUSE_DAYS } from './auto-reply-pause.ts';
import { companyDomainOf } from './free-mail.ts';

export interface StopRuleDeps {
  store: Store;
  hub: FeedHub;
  now?: (() => Date) | undefined;
  /** Days an out-of-office without a return date pauses an enrolment (CAMPAIGN_AUTO_REPLY_PAUSE_DAYS). */
  autoReplyPauseDays?: number | undefined;
}

const LIVE = ['active', 'paused'] as const;
const isLive = (enrolment: EnrolmentRecord): boolean => enrolment.state === 'active' || enrolment.state === 'paused';

/** Stops one enrolment (if still active or paused) with its feed event; true when it moved. */
export async function stopEnrolment(
  deps: StopRuleDeps,
  enrolment: EnrolmentRecord,
  announce: Extract<CampaignAnnouncement, { kind: 'campaign_stopped' }>,
  at: Date,
): Promise<boolean> {
  const change: EnrolmentChange = {
    state: 'stopped',
    dueAt: null,
    pausedUntil: null,
    stopReason: announce.reason,
    stopDetail: announce.who ?? null,
  };
  return (await deps.store.transitionEnrolment(enrolment.id, LIVE, change, at, announce)) !== null;
}

/** Applies the campaign stop rules to a mail event just recorded; how many enrolments moved. */
export async function applyStopRules(deps: StopRuleDeps, event: StoredEvent): Promise<number> {
  const { userId } = event;
  if (!userId || !['reply', 'bounce', 'auto_reply'].includes(event.kind)) return 0;
  const onThread = await deps.store.enrolmentsOnThread(userId, [event.emailToken]);
  if (onThread.length === 0) return 0;
  const at = deps.now?.() ?? new Date();
  const moved =
    event.kind === 'reply'
      ? await onReply(deps, userId, onThread, event.details, at)
      : event.kind === 'bounce'
        ? await onBounce(deps, onThread, event.details, at)
        : await onAutoReply(deps, onThread, event.details, event.at, at);
  if (moved > 0) deps.hub.notify(userId);
  return moved;
}

async function onReply(deps: StopRuleDeps, userId: string, onThread: EnrolmentRecord[], raw: unknown, at: Date): Promise<number> {
  const reply = parseReplyDetails(raw);
  const by = { who: reply?.from || undefined, whoName: reply?.fromName };
  let moved = 0;
  for (const enrolment of onThread.filter(isLive)) {
    if (await stopEnrolment(deps, enrolment, { kind: 'campaign_stopped', reason: 'reply', ...by }, at)) moved += 1;
  }
  const domain = reply ? companyDomainOf(reply.from) : null;
  if (!domain) return moved;
  for (const campaignId of new Set(onThread.map((enrolment) => enrolment.campaignId))) {
    const campaign = await deps.store.getCampaign(campaignId);
    if (!campaign?.stopSameCompany) continue;
    for (const colleague of await deps.store.enrolmentsAtDomain(userId, campaignId, domain)) {
      if (await stopEnrolment(deps, colleague, { kind: 'campaign_stopped', reason: 'same_company', ...by }, at)) moved += 1;
    }
  }
  return moved;
}

/** The bounced recipients' enrolments; all of the thread's when the notice names none of them. */
async function onBounce(deps: StopRuleDeps, onThread: EnrolmentRecord[], raw: unknown, at: Date): Promise<number> {
  const bounced = new Set((parseBounceDetails(raw)?.bouncedRecipients ?? []).map((address) => address.toLowerCase()));
  const live = onThread.filter(isLive);
  const named = live.filter((enrolment) => bounced.has(enrolment.recipient));
  let moved = 0;
  for (const enrolment of named.length > 0 ? named : live) {
    const who = bounced.has(enrolment.recipient) ? enrolment.recipient : [...bounced].join(', ') || undefined;
    if (await stopEnrolment(deps, enrolment, { kind: 'campaign_stopped', reason: 'bounce', who }, at)) moved += 1;
  }
  return moved;
}

/**
 * The away person's active enrolments; all of the thread's when none is theirs (an alias answered).
 * A pause without a return date counts from `arrivedAt`, the answer's arrival, as the claim's does.
 */
async function onAutoReply(deps: StopRuleDeps, onThread: EnrolmentRecord[], raw: unknown, arrivedAt: Date, at: Date): Promise<number> {
  const away = parseAutoReplyDetails(raw);
  if (!away) return 0;
  const active = onThread.filter((enrolment) => enrolment.state === 'active');
  const theirs = active.filter((enrolment) => enrolment.recipient === away.from.toLowerCase());
  let moved = 0;
  for (const enrolment of theirs.length > 0 ? theirs : active) {
    const campaign = await deps.store.getCampaign(enrolment.campaignId);
    if (!campaign) continue;
    const days = deps.autoReplyPauseDays ?? DEFAULT_AUTO_REPLY_PAUSE_DAYS;
    const answer = { returnDate: away.returnDate, arrivedAt, from: away.from };
    const pause = autoReplyPause(enrolment, campaign.window, answer, days, at);
    if (!pause) continue;
    const announce: CampaignAnnouncement = {
      kind: 'campaign_paused',
      reason: 'auto_reply',
      until: pause.until,
      ...(away.from ? { who: away.from } : {}),
      ...(away.fromName ? { whoName: away.fromName } : {}),
    };
    if (await deps.store.transitionEnrolment(enrolment.id, ['active'], pause.change, at, announce)) moved += 1;
  }
  return moved;
}
