// Campaign edits on PostgreSQL: the campaign row and the enrolments its shorter step list ends, in
// one transaction (the enrolments' rows are locked by the UPDATE, as a transition locks them).
import type { CampaignEditStore } from '../campaign-edit-store.ts';
import { type CampaignRow, toCampaign } from '../rows/campaigns.ts';
import type { PgDatabase } from './database.ts';

export function campaignEditQueries(db: PgDatabase): CampaignEditStore {
  return {
    async updateCampaign(campaignId, edit, at) {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<CampaignRow>(
          `UPDATE campaigns SET team_id = $1, name = $2, steps_json = $3, window_json = $4, stop_same_company = $5, sender_json = $6
           WHERE id = $7 RETURNING *`,
          [
            edit.teamId,
            edit.name,
            JSON.stringify(edit.steps),
            JSON.stringify(edit.window),
            edit.stopSameCompany,
            JSON.stringify(edit.sender),
            campaignId,
          ],
        );
        if (!row) return null;
        const finished = await tx.query<{ id: string }>(
          `UPDATE campaign_enrolments SET state = 'finished', due_at = NULL, updated_at = $1
           WHERE next_step >= $2 AND campaign_id = $3 AND state IN ('active', 'paused') RETURNING id`,
          [at.getTime(), edit.steps.length, campaignId],
        );
        return { campaign: toCampaign(row), finished: finished.length };
      });
    },
  };
}
