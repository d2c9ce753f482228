// The network tables the classifier reads: which cloud holds an address (datacenter) and which
// networks people browse through (human egress, people-networks.md). classify() stays pure: it
// reads whatever tables are current, and the refresh (network-lists/) swaps in new ones whole, in
// one assignment, so a hit never sees half of a refresh. Until then: the built-in lists.
import { DATACENTER_NETWORKS, HUMAN_EGRESS_NETWORKS } from './datacenter-networks/baseline.ts';
import type { IpAddress } from './ip-match.ts';
import { addressKey, lookupKey, lookupNetwork, networkTable, type NetworkTable } from './network-table.ts';

export interface NetworkTables {
  datacenter: NetworkTable;
  humanEgress: NetworkTable;
}

const named = (blocks: typeof DATACENTER_NETWORKS) => blocks.map((block) => ({ name: block.provider, cidrs: block.cidrs }));

/** The tables of the built-in lists. */
export function baselineNetworkTables(): NetworkTables {
  return { datacenter: networkTable(named(DATACENTER_NETWORKS)), humanEgress: networkTable(named(HUMAN_EGRESS_NETWORKS)) };
}

let current: NetworkTables = baselineNetworkTables();

/** Makes these tables the ones every later lookup reads. */
export function installNetworkTables(tables: NetworkTables): void {
  current = tables;
}

/** The network people browse through that holds the address (e.g. iCloud Private Relay), or null. */
export function humanEgress(address: IpAddress | null): string | null {
  return lookupNetwork(current.humanEgress, address);
}

/** The cloud or hosting provider an address belongs to, or null; null for a human egress address. */
export function datacenterProvider(address: IpAddress | null): string | null {
  const tables = current;
  const key = addressKey(address);
  if (lookupKey(tables.humanEgress, key) !== null) return null;
  return lookupKey(tables.datacenter, key);
}
