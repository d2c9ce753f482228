// A team's own networks (a company VPN that exits on a cloud, its own web gateway): hits from there
// are judged on everything but the network, so the network-based machine rules
// (datacenter-network, link-scanner-network) stay silent for them. Timing, link sweeps, bot agents
// and Apple's relay still speak. The list is compiled once into the interval table of
// network-table.ts, so the check per hit is one binary search whatever its length.
import type { IpAddress } from './ip-match.ts';
import { lookupNetwork, networkTable, type NetworkTable } from './network-table.ts';

/** A team's allow-listed networks, compiled; what ClassificationContext.allowedNetworks holds. */
export type AllowedNetworks = NetworkTable;

const TEAM_NETWORK = 'team';

/** Compiles normalised CIDRs (team-network-cidr.ts); a malformed one throws. */
export function allowedNetworks(cidrs: readonly string[]): AllowedNetworks {
  return networkTable([{ name: TEAM_NETWORK, cidrs }]);
}

/** True when the address is in one of the allow-listed networks. */
export function inAllowedNetwork(allowed: AllowedNetworks | undefined, address: IpAddress | null): boolean {
  return allowed !== undefined && lookupNetwork(allowed, address) !== null;
}
