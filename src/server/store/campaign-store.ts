// The campaigns part of the Store: campaigns (a user's own, or shared with the team) and their
// enrolments, one per recipient of a tracked email, each moving through its steps. Kept apart from
// store.ts so the area reads as one piece; Store extends it.
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
   * by a late pause); null when it is not (or does not exist).
   */
  transitionEnrolment(
    enrolmentId: string,
    from: readonly EnrolmentState[],
    change: EnrolmentChange,
    at: Date,
  ): Promise<EnrolmentRecord | null>;
}
