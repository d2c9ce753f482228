// `glint team set-retention TEAM DAYS|off`: how many days a team keeps its events and document
// visits; the server's retention job (privacy/retention-job.ts) deletes what is older.
import type { Command } from 'commander';
import { action, CliFailure, UsageError } from './cli-errors.ts';
import { withLocalContext } from './local-context.ts';

/** Longest period accepted: ten years, so a typo cannot overflow the cut-off arithmetic. */
export const MAX_RETENTION_DAYS = 3650;

export function parseRetention(text: string): number | null {
  if (text.toLowerCase() === 'off') return null;
  const days = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1 && days <= MAX_RETENTION_DAYS))
    throw new UsageError(`retention must be a number of days from 1 to ${MAX_RETENTION_DAYS}, or off (got "${text}")`);
  return days;
}

export function registerTeamRetentionCommand(team: Command): void {
  team
    .command('set-retention')
    .description("how long the team's events and document visits are kept: DAYS (1-3650) or off (forever)")
    .argument('<team>', 'team name or id')
    .argument('<days>', 'number of days, or off')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (teamName: string, daysText: string, options: { dataDir?: string; json?: boolean }) => {
        const days = parseRetention(daysText);
        const found = await withLocalContext(options.dataDir, async ({ store }) => {
          const existing = await store.findTeam(teamName);
          if (existing) await store.setTeamRetention(existing.id, days);
          return existing;
        });
        if (!found) throw new CliFailure(`no team named or with id "${teamName}"`);
        if (options.json) console.log(JSON.stringify({ teamId: found.id, teamName: found.name, retentionDays: days }));
        else
          console.log(
            `Team ${found.name} (${found.id}): ${days === null ? 'events and document visits kept forever' : `events and document visits kept ${days} days`}`,
          );
      }),
    );
}
