// The campaigns part of the Store: campaigns (a user's own, or shared with the team) and their
// enrolments, one per recipient of a tracked email, each moving through its steps. Kept apart from
// store.ts so the area reads as one piece; Store extends it.
import type { CampaignPausedDetails, CampaignStopReason } from '../../shared/campaign-event-details.ts';
import type { CampaignStep, EnrolmentState, SendingWindow } from '../campaigns/campaign-schemas.ts';

export type { CampaignStep, EnrolmentState, SendingWindow } from '../campaigns/campaign-schemas.ts';

export interface CampaignRecord {
  id: string;
  ownerUserId: string;
  /** The team that may use it; null for the author only. */
  teamId: string | null;
  name: string;
  steps: CampaignStep[];
  window: SendingWindow;
  stopSameCompany: boolean;
  sender: Record<string, string>;
  createdAt: Date;
}

export interface EnrolmentRecord {
  id: string;
  campaignId: string;
  /** The rep whose mailbox sends the steps. */
  userId: string;
  emailToken: string;
  recipient: string;
  fields: Record<string, string>;
  state: EnrolmentState;
  /** Index of the next step to send; steps.length once finished. */
  nextStep: number;
  dueAt: Date | null;
  pausedUntil: Date | null;
  /** reply, bounce, manual, rep, same_company ...; null unless stopped (or paused: auto_reply, rep). */
  stopReason: string | null;
  /** Who or what, for a person (the replying address, the SMTP answer). */
  stopDetail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a transition writes; fields left out stay as they are. */
export interface EnrolmentChange {
  state: EnrolmentState;
  nextStep?: number;
  dueAt?: Date | null;
  pausedUntil?: Date | null;
  stopReason?: string | null;
  stopDetail?: string | null;
}

/**
 * The feed event a transition writes in its own transaction when it moves the enrolment (on the
 * enrolled email's token; the campaign reference is the store's to add).
 */
export type CampaignAnnouncement =
  | ({ kind: 'campaign_paused' } & Pick<CampaignPausedDetails, 'reason' | 'until' | 'who' | 'whoName'>)
  | { kind: 'campaign_stopped'; reason: CampaignStopReason; who?: string | undefined; whoName?: string | undefined };

/** One step's send: claimed before the SMTP conversation, then sent or refused. */
export interface StepSendRecord {
  enrolmentId: string;
  stepIndex: number;
  userId: string;
  /** Fixed before SMTP, normalised (no <>), so a crashed send can be found again. */
  messageId: string;
  /** The follow-up's own tracked-email token (its pixel and links). */
  emailToken: string;
  state: 'claimed' | 'sent' | 'refused';
  claimedBy: string;
  leaseUntil: Date;
  smtpResponse: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What a claim found: a step to send (a new send row), a crashed send to reconcile (its row, now
 * leased to the caller), an enrolment stopped on the spot by a reply or bounce on the thread, or
 * one paused on the spot by an out-of-office on the thread (until: the day sending resumes,
 * YYYY-MM-DD in the rep's time zone).
 */
export type StepClaim =
  | { kind: 'send' | 'reconcile'; enrolment: EnrolmentRecord; send: StepSendRecord }
  | { kind: 'stop'; enrolment: EnrolmentRecord; reason: ThreadStopReason; who: string | null; whoName?: string | undefined }
  | { kind: 'pause'; enrolment: EnrolmentRecord; reason: 'auto_reply'; until: string; who: string | null };

/** What stops an enrolment at its claim: a reply or bounce on its thread, a reply from its company. */
export type ThreadStopReason = 'reply' | 'bounce' | 'same_company';

export interface StepClaimRequest {
  now: Date;
  /** Who claims (a server instance): only it may complete the claim while the lease runs. */
  owner: string;
  leaseMs: number;
  /** Mailboxes (user ids) the caller takes no more steps for now (busy sending): left to others. */
  skipUserIds?: readonly string[];
  /** Ids minted by the caller, used when the claim is a new send. */
  messageId: string;
  emailToken: string;
  /**
   * Most steps one mailbox may be claimed for in any minute and any 24 hours, counted across every
   * process sharing the store; absent: no pacing (tools and tests that pace nothing).
   */
  pacing?: { perMinute: number; perDay: number } | undefined;
  /** Days an out-of-office without a return date pauses the enrolment (DEFAULT_AUTO_REPLY_PAUSE_DAYS when absent). */
  autoReplyPauseDays?: number | undefined;
}

/** How a claimed send ended: sent (next step due at nextDueAt, null: finished) or refused for good. */
export type StepOutcome =
  { sent: true; smtpResponse: string; nextDueAt: Date | null } | { sent: false; smtpResponse: string; reason: string };

export interface CampaignStore {
  createCampaign(campaign: CampaignRecord): Promise<void>;
  getCampaign(campaignId: string): Promise<CampaignRecord | null>;
  /** The user's own campaigns and the ones shared with their team, newest first. */
  listCampaigns(userId: string, teamId: string | null): Promise<CampaignRecord[]>;
  /** One enrolment per recipient and email: `created` false returns the one already there. */
  enrol(enrolment: EnrolmentRecord): Promise<{ created: boolean; enrolment: EnrolmentRecord }>;
  getEnrolment(enrolmentId: string): Promise<EnrolmentRecord | null>;
  /** The user's enrolments in a campaign, oldest first. */
  listEnrolments(campaignId: string, userId: string): Promise<EnrolmentRecord[]>;
  /**
   * Moves an enrolment to a new state only while it is in one of `from` (so a stop is never undone
   * by a late pause); null when it is not (or does not exist). When it moves, `announce` is written
   * as a feed event in the same transaction.
   */
  transitionEnrolment(
    enrolmentId: string,
    from: readonly EnrolmentState[],
    change: EnrolmentChange,
    at: Date,
    announce?: CampaignAnnouncement,
  ): Promise<EnrolmentRecord | null>;
  /**
   * The user's enrolments on a thread, in any state: those of the tracked email, and those that
   * sent a step as one of these tracked emails.
   */
  enrolmentsOnThread(userId: string, emailTokens: readonly string[]): Promise<EnrolmentRecord[]>;
  /** The user's active or paused enrolments in a campaign whose recipient is at this mail domain. */
  enrolmentsAtDomain(userId: string, campaignId: string, domain: string): Promise<EnrolmentRecord[]>;
  /** Whether this Message-ID (any case, no <>) is one Glint fixed, in lower case, for a step of the user's. */
  isCampaignStepMessage(userId: string, messageId: string): Promise<boolean>;
  /**
   * In one transaction: resumes the enrolments whose out-of-office pause has ended, takes one
   * active enrolment whose step is due and not leased to another, checks its thread afresh (a
   * reply or bounce event on the email or on a follow-up sent stops it here, and so does a reply
   * from its company on another thread of the campaign when the campaign asks; an out-of-office
   * that arrived since the enrolment last changed pauses it), and claims the step (new send row,
   * or the expired claim of a crashed send, leased again) when its mailbox's pacing allows, counted
   * in campaign_send_times. A stop or pause writes its feed event in the same transaction. Null
   * when nothing is due (or every due mailbox is paced out). Several server instances never get
   * the same step, and never together pass a mailbox's pacing.
   */
  claimDueStep(request: StepClaimRequest): Promise<StepClaim | null>;
  /**
   * Ends the owner's claim: the send row becomes sent or refused, the enrolment moves to its next
   * step (or finished) or is stopped (bounce: refused for good), and the feed gets its
   * campaign_step_sent (or campaign_stopped, send_failed) event in the same transaction. False
   * when the claim is not the owner's any more (the lease ran out and another took it).
   */
  completeStep(enrolmentId: string, stepIndex: number, owner: string, outcome: StepOutcome, at: Date): Promise<boolean>;
  /**
   * Notes on the owner's claim, still claimed, what is known of its SMTP conversation before it
   * ends (kept in its smtp_response): a sentence once the message is handed to the server, so a
   * reconciliation knows it may have gone out; null again once the server has surely not taken it
   * (a refusal for now), so it is sent again. False when the claim is not the owner's any more.
   */
  noteStepSmtp(enrolmentId: string, stepIndex: number, owner: string, note: string | null, at: Date): Promise<boolean>;
  /** The sends of an enrolment, in step order. */
  listStepSends(enrolmentId: string): Promise<StepSendRecord[]>;
}
