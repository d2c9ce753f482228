// What a step's claim decides besides replies and bounces, the same way in both stores: an
// out-of-office on the thread that arrived since the enrolment last changed pauses it on the spot
// (the watcher may not have processed it yet, or it came before the enrolment, when the watcher had
// none to pause), and a mailbox's pacing, counted in campaign_send_times, leaves its steps to a
// later claim.
import { parseAutoReplyDetails } from '../../../shared/event-details.ts';
import { autoReplyPause, DEFAULT_AUTO_REPLY_PAUSE_DAYS } from '../../campaigns/auto-reply-pause.ts';
import type { CampaignAnnouncement, EnrolmentChange, EnrolmentRecord, StepClaimRequest } from '../campaign-store.ts';
import type { CampaignRecord } from '../campaign-store.ts';

/** The auto-reply events a claim reads: newest first, only those after `autoRepliesAfter`. */
export interface AutoReplyRow {
  details_json: string | null;
  /** When it arrived (ms): a pause without a return date counts from that day. */
  at: number;
}

/** At most this many auto-replies are read per claim (a thread rarely has more than one). */
export const AUTO_REPLY_ROWS = 20;

/** Before every event: the cut-off of an enrolment that has not changed since it was made. */
const EVER = Number.MIN_SAFE_INTEGER;

/**
 * The time (ms) after which the claim reads the thread's auto-replies. Normally the enrolment's last
 * change (its last step, the end of an earlier pause or the rep's resume), so an auto-reply already
 * acted on never pauses it twice. An enrolment untouched since it was made (no step sent, never
 * paused) reads those from before it too: enrolled by API/CLI after the out-of-office came, nothing
 * acted on it (the watcher found no enrolment to pause).
 */
export function autoRepliesAfter(enrolment: Pick<EnrolmentRecord, 'createdAt' | 'updatedAt' | 'nextStep'>): number {
  const untouched = enrolment.nextStep === 0 && enrolment.updatedAt.getTime() === enrolment.createdAt.getTime();
  return untouched ? EVER : enrolment.updatedAt.getTime();
}

export interface ClaimPause {
  until: string;
  who: string | null;
  change: EnrolmentChange;
  announce: Extract<CampaignAnnouncement, { kind: 'campaign_paused' }>;
}

/**
 * The pause an out-of-office asks for at the claim, or null; `rows` read after autoRepliesAfter().
 * As the watcher does, the recipient's own auto-reply counts, or one from an address no enrolment
 * of the thread is for (an alias answered). Without a return date it counts from its arrival.
 */
export function claimPause(
  enrolment: EnrolmentRecord,
  window: CampaignRecord['window'],
  rows: readonly AutoReplyRow[],
  threadRecipients: readonly string[],
  pauseDays: number | undefined,
  now: Date,
): ClaimPause | null {
  const replies = rows.flatMap((row) => {
    const details = parseAutoReplyDetails(parseJson(row.details_json));
    return details ? [{ ...details, arrivedAt: new Date(row.at) }] : [];
  });
  const others = new Set(threadRecipients.map((recipient) => recipient.toLowerCase()));
  const away =
    replies.find((reply) => reply.from.toLowerCase() === enrolment.recipient) ??
    replies.find((reply) => !others.has(reply.from.toLowerCase()));
  if (!away) return null;
  const days = pauseDays ?? DEFAULT_AUTO_REPLY_PAUSE_DAYS;
  const pause = autoReplyPause(enrolment, window, away, days, now);
  if (!pause) return null;
  const who = away.from || null;
  return {
    until: pause.until,
    who,
    change: pause.change,
    announce: {
      kind: 'campaign_paused',
      reason: 'auto_reply',
      until: pause.until,
      ...(who ? { who } : {}),
      ...(away.fromName ? { whoName: away.fromName } : {}),
    },
  };
}

const MINUTE_MS = 60_000;
export const PACING_DAY_MS = 86_400_000;
/** No pacing asked: limits no mailbox reaches. */
const UNPACED = { perMinute: 1_000_000_000, perDay: 1_000_000_000 };

/**
 * The bounds of a claim's pacing check: a mailbox is paced out when it has `perMinute` send times
 * after `minuteFrom` or `perDay` after `dayFrom` (each checked with OFFSET limit - 1, so a check
 * reads at most the limit's count of index entries).
 */
export function pacingBounds(request: Pick<StepClaimRequest, 'now' | 'pacing'>) {
  const now = request.now.getTime();
  const limits = request.pacing ?? UNPACED;
  return {
    minuteFrom: now - MINUTE_MS,
    minuteOffset: limits.perMinute - 1,
    dayFrom: now - PACING_DAY_MS,
    dayOffset: limits.perDay - 1,
  };
}

/** The SQL condition "this mailbox may send now", `mailbox` an expression, placeholders from `param(n)`. */
export function pacingAllows(mailbox: string, param: (name: keyof ReturnType<typeof pacingBounds>) => string): string {
  const nth = (from: string, offset: string) =>
    `EXISTS (SELECT 1 FROM campaign_send_times t WHERE t.mailbox = ${mailbox} AND t.sent_at > ${from}
       ORDER BY t.sent_at DESC LIMIT 1 OFFSET ${offset})`;
  return `NOT ${nth(param('minuteFrom'), param('minuteOffset'))} AND NOT ${nth(param('dayFrom'), param('dayOffset'))}`;
}

function parseJson(json: string | null): unknown {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
