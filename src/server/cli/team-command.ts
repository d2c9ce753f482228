// `glint team set-plan TEAM PLAN`: changes a team's plan (by team name or id). The team's allowed
// networks and retention period have their own files (team-network-commands.ts, team-retention-command.ts).
import type { Command } from 'commander';
import { PLANS } from '../../shared/plans.ts';
import { action, CliFailure } from './cli-errors.ts';
import { withLocalContext } from './local-context.ts';
import { registerTeamNetworkCommands } from './team-network-commands.ts';
import { registerTeamRetentionCommand } from './team-retention-command.ts';
import { parsePlan } from './user-command.ts';

export function registerTeamCommand(program: Command): void {
  const team = program.command('team').description('manage teams (works on the store directly: DATABASE_URL, else DATA_DIR)');
  team
    .command('set-plan')
    .description(`set the plan of a team: ${PLANS.join(', ')}`)
    .argument('<team>', 'team name or id')
    .argument('<plan>', 'new plan')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (teamName: string, planText: string, options: { dataDir?: string; json?: boolean }) => {
        const plan = parsePlan(planText);
        const found = await withLocalContext(options.dataDir, async ({ store }) => {
          const existing = await store.findTeam(teamName);
          if (!existing) return null;
          await store.setTeamPlan(existing.id, plan);
          return existing;
        });
        if (!found) throw new CliFailure(`no team named or with id "${teamName}"`);
        if (options.json) console.log(JSON.stringify({ teamId: found.id, teamName: found.name, plan }));
        else console.log(`Team ${found.name} (${found.id}): plan ${found.plan} -> ${plan}`);
      }),
    );
  registerTeamNetworkCommands(team);
  registerTeamRetentionCommand(team);
}
