// Campaign edits on SQLite: the campaign row and the enrolments its shorter step list ends, in one
// immediate transaction.
import type { CampaignEdit, CampaignEditStore } from '../campaign-edit-store.ts';
import { type CampaignRow, toCampaign } from '../rows/campaigns.ts';
import type { SqliteDatabase } from './database.ts';

export function campaignEditQueries(db: SqliteDatabase): CampaignEditStore {
  const writeCampaign = db.prepare<(string | number | null)[], CampaignRow>(
    `UPDATE campaigns SET team_id = ?, name = ?, steps_json = ?, window_json = ?, stop_same_company = ?, sender_json = ?
     WHERE id = ? RETURNING *`,
  );
  const finishPastLastStep = db.prepare<[number, number, string]>(
    `UPDATE campaign_enrolments SET state = 'finished', due_at = NULL, updated_at = ?
     WHERE next_step >= ? AND campaign_id = ? AND state IN ('active', 'paused')`,
  );
  const update = db.transaction((campaignId: string, edit: CampaignEdit, at: Date) => {
    const row = writeCampaign.get(
      edit.teamId,
      edit.name,
      JSON.stringify(edit.steps),
      JSON.stringify(edit.window),
      edit.stopSameCompany ? 1 : 0,
      JSON.stringify(edit.sender),
      campaignId,
    );
    if (!row) return null;
    const finished = finishPastLastStep.run(at.getTime(), edit.steps.length, campaignId).changes;
    return { campaign: toCampaign(row), finished };
  });
  return {
    async updateCampaign(campaignId, edit, at) {
      return update.immediate(campaignId, edit, at);
    },
  };
}
