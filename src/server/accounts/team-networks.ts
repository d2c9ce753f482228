// Allow-listing a team's own networks, shared by the API and the CLI: the CIDR is read to its
// normal form (ingest/team-network-cidr.ts), the team's limit applied, and every refusal is a
// sentence for a person. Callers that serve hits drop the team's cached list after a change
// (ingest/team-network-cache.ts).
import { MAX_TEAM_NETWORKS } from '../../shared/team-networks-api.ts';
import { normaliseCidr } from '../ingest/team-network-cidr.ts';
import type { Store, TeamNetworkRecord } from '../store/store.ts';

export type TeamNetworkProblem = 'invalid_network' | 'too_many_networks' | 'network_exists' | 'network_not_listed';

export class TeamNetworkError extends Error {
  readonly problem: TeamNetworkProblem;

  constructor(problem: TeamNetworkProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

function normalised(text: string): string {
  const reading = normaliseCidr(text);
  if (!reading.ok) throw new TeamNetworkError('invalid_network', reading.error);
  return reading.cidr;
}

export interface NewTeamNetwork {
  teamId: string;
  cidr: string;
  label: string | null;
  addedBy: string;
  at: Date;
}

/** Adds the network to the team's allow-list; the stored record, CIDR normalised. */
export async function allowTeamNetwork(store: Store, input: NewTeamNetwork): Promise<TeamNetworkRecord> {
  const record: TeamNetworkRecord = {
    teamId: input.teamId,
    cidr: normalised(input.cidr),
    label: input.label,
    addedBy: input.addedBy,
    addedAt: input.at,
  };
  const outcome = await store.addTeamNetwork(record, MAX_TEAM_NETWORKS);
  if (outcome === 'exists') throw new TeamNetworkError('network_exists', `${record.cidr} is already on the team's allow-list.`);
  if (outcome === 'full') {
    throw new TeamNetworkError(
      'too_many_networks',
      `The team already allow-lists ${MAX_TEAM_NETWORKS} networks, the most it may: remove one first, or list a wider prefix.`,
    );
  }
  return record;
}

/** Removes the network (however it is written) from the team's allow-list; its normal form. */
export async function disallowTeamNetwork(store: Store, teamId: string, cidr: string): Promise<string> {
  const normal = normalised(cidr);
  if (!(await store.removeTeamNetwork(teamId, normal))) {
    throw new TeamNetworkError('network_not_listed', `${normal} is not on the team's allow-list.`);
  }
  return normal;
}
