// Editing a campaign after it was created (the extension's campaigns page): its name, steps,
// window and options are replaced whole. Kept apart from campaign-store.ts, whose sending state
// machine this does not touch; Store extends it.
import type { CampaignRecord } from './campaign-store.ts';

/** What an edit replaces; the id, author and creation time never change. */
export type CampaignEdit = Pick<CampaignRecord, 'teamId' | 'name' | 'steps' | 'window' | 'stopSameCompany' | 'sender'>;

export interface CampaignEditStore {
  /**
   * Replaces the campaign's editable fields. In the same transaction, enrolments still going
   * (active or paused) whose next step no longer exists (steps were removed) become finished, so
   * no claim ever points past the last step. Null when there is no such campaign.
   */
  updateCampaign(campaignId: string, edit: CampaignEdit, at: Date): Promise<{ campaign: CampaignRecord; finished: number } | null>;
}
