// `glint campaign update CAMPAIGN_ID --file campaign.json`: replaces a campaign you wrote with the
// file's (PUT /api/v1/campaigns/:id, as the extension's campaigns page saves it). Enrolments whose
// next step the new file removes are finished by the server.
import type { Command } from 'commander';
import { campaignSchema } from '../campaigns/campaign-schemas.ts';
import { ApiClient, withConnection } from './api-client.ts';
import { action } from './cli-errors.ts';
import { campaignLine, readCampaignFile } from './campaign-command.ts';

/** Adds `update` to the `campaign` group registerCampaignCommand made. */
export function registerCampaignUpdate(program: Command): void {
  const campaign = program.commands.find((command) => command.name() === 'campaign');
  if (!campaign) throw new Error('register the campaign command group first');
  withConnection(
    campaign
      .command('update')
      .description('replace a campaign you wrote with a JSON file (see examples/campaign.json)')
      .argument('<campaignId>'),
  )
    .requiredOption('--file <path>', 'the whole campaign as JSON')
    .action(
      action(async (campaignId: string, options: { token?: string; server?: string; json?: boolean; file: string }) => {
        const input = await readCampaignFile(options.file);
        const updated = await new ApiClient(options).request(
          'PUT',
          `/api/v1/campaigns/${encodeURIComponent(campaignId)}`,
          campaignSchema,
          input,
        );
        console.log(options.json ? JSON.stringify(updated) : `Updated ${campaignLine(updated)}`);
      }),
    );
}
