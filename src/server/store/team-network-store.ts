// The team networks part of the Store: networks a team allow-listed as its own (a company VPN that
// exits on a cloud), so the classifier judges hits from there on other signals. CIDRs arrive
// normalised (ingest/team-network-cidr.ts): one network is one row however it was typed. The
// ingest path never reads this per hit: ingest/team-network-cache.ts keeps each team's list.

export interface TeamNetworkRecord {
  teamId: string;
  /** Normalised: network address and prefix length. */
  cidr: string;
  label: string | null;
  /** Who added it, for people: an email address, or "glint CLI (<user>)". */
  addedBy: string;
  addedAt: Date;
}

/** added; exists: the team already lists this network (unchanged); full: the team is at its limit. */
export type AddTeamNetworkOutcome = 'added' | 'exists' | 'full';

export interface TeamNetworkStore {
  /** The team's networks, oldest first. */
  listTeamNetworks(teamId: string): Promise<TeamNetworkRecord[]>;
  /** Adds unless the team already lists `limit` networks; the count and the insert are one step. */
  addTeamNetwork(network: TeamNetworkRecord, limit: number): Promise<AddTeamNetworkOutcome>;
  /** False when the team does not list this (normalised) network. */
  removeTeamNetwork(teamId: string, cidr: string): Promise<boolean>;
}
