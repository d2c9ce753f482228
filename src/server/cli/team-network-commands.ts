// `glint team allow-network TEAM CIDR [--label TEXT]`, `glint team networks TEAM [--json]` and
// `glint team remove-network TEAM CIDR`: a team's own networks (a company VPN that exits on a
// cloud), whose hits are judged on other signals than the network. Works on the store directly;
// a running server sees a change within TEAM_NETWORKS_TTL_MS (the API's changes apply at once).
// A CIDR that is not one, or is too wide, is bad usage (exit 2); a refusal of the store exits 1.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { MAX_TEAM_NETWORKS, teamNetworkLabelSchema, type TeamNetworkView } from '../../shared/team-networks-api.ts';
import { allowTeamNetwork, disallowTeamNetwork, TeamNetworkError } from '../accounts/team-networks.ts';
import { normaliseCidr } from '../ingest/team-network-cidr.ts';
import type { ServerContext } from '../context.ts';
import type { Team, TeamNetworkRecord } from '../store/store.ts';
import { action, CliFailure, UsageError } from './cli-errors.ts';
import { withLocalContext } from './local-context.ts';

interface StoreOptions {
  dataDir?: string;
  json?: boolean;
}

function checkedCidr(text: string): string {
  const reading = normaliseCidr(text);
  if (!reading.ok) throw new UsageError(reading.error);
  return reading.cidr;
}

function checkedLabel(text: string | undefined): string | null {
  const parsed = teamNetworkLabelSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`--label ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return parsed.data;
}

/** Who the record names as its author: the CLI, with the account that ran it. */
function cliAuthor(): string {
  try {
    return `glint CLI (${userInfo().username})`;
  } catch {
    return 'glint CLI';
  }
}

const view = (network: TeamNetworkRecord): TeamNetworkView => ({
  cidr: network.cidr,
  label: network.label,
  addedBy: network.addedBy,
  addedAt: network.addedAt.toISOString(),
});

/** Runs `work` on the named team; a refusal becomes a one-line failure. */
async function onTeam<T>(teamName: string, dataDir: string | undefined, work: (context: ServerContext, team: Team) => Promise<T>) {
  const result = await withLocalContext(dataDir, async (context) => {
    const team = await context.store.findTeam(teamName);
    if (!team) return null;
    try {
      return { team, value: await work(context, team) };
    } catch (error) {
      if (error instanceof TeamNetworkError) throw new CliFailure(error.message);
      throw error;
    }
  });
  if (!result) throw new CliFailure(`no team named or with id "${teamName}"`);
  return result;
}

export function registerTeamNetworkCommands(team: Command): void {
  team
    .command('allow-network')
    .description("allow-list one of the team's own networks: its hits are judged on other signals than the network")
    .argument('<team>', 'team name or id')
    .argument('<cidr>', `an address or CIDR, IPv4 (at most /8 wide) or IPv6 (at most /32); ${MAX_TEAM_NETWORKS} per team`)
    .option('--label <text>', 'what the network is, e.g. "Paris office VPN"')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (teamName: string, cidrText: string, options: StoreOptions & { label?: string }) => {
        const cidr = checkedCidr(cidrText);
        const label = checkedLabel(options.label);
        const { team: found, value: network } = await onTeam(teamName, options.dataDir, ({ store }, team) =>
          allowTeamNetwork(store, { teamId: team.id, cidr, label, addedBy: cliAuthor(), at: new Date() }),
        );
        if (options.json) console.log(JSON.stringify({ teamId: found.id, teamName: found.name, network: view(network) }));
        else console.log(`Team ${found.name} (${found.id}): allow-listed ${network.cidr}${network.label ? ` (${network.label})` : ''}`);
      }),
    );

  team
    .command('networks')
    .description("list the team's allow-listed networks, oldest first: CIDR, label, added at, added by (tab-separated)")
    .argument('<team>', 'team name or id')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (teamName: string, options: StoreOptions) => {
        const { team: found, value: networks } = await onTeam(teamName, options.dataDir, ({ store }, team) =>
          store.listTeamNetworks(team.id),
        );
        if (options.json) {
          const body = { teamId: found.id, teamName: found.name, limit: MAX_TEAM_NETWORKS, networks: networks.map(view) };
          console.log(JSON.stringify(body));
        } else if (networks.length === 0) {
          console.log(`Team ${found.name} (${found.id}) allow-lists no networks`);
        } else {
          for (const network of networks) {
            console.log([network.cidr, network.label ?? '-', network.addedAt.toISOString(), network.addedBy].join('\t'));
          }
        }
      }),
    );

  team
    .command('remove-network')
    .description("remove a network from the team's allow-list")
    .argument('<team>', 'team name or id')
    .argument('<cidr>', 'the network, written as it was added or in any equivalent form')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (teamName: string, cidrText: string, options: StoreOptions) => {
        const cidr = checkedCidr(cidrText);
        const { team: found } = await onTeam(teamName, options.dataDir, ({ store }, team) => disallowTeamNetwork(store, team.id, cidr));
        if (options.json) console.log(JSON.stringify({ teamId: found.id, teamName: found.name, removed: cidr }));
        else console.log(`Team ${found.name} (${found.id}): removed ${cidr}`);
      }),
    );
}
