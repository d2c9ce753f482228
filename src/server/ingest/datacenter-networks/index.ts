// The clouds and hosting providers whose addresses are machines, not readers (rules/datacenter-network.ts).
// A person almost never reads mail from a cloud server; security products that fetch pixels and
// follow links (sandboxes, detonation, API-based mail security) run there.
import type { IpAddress } from '../ip-match.ts';
import { lookupNetwork, networkTable } from '../network-table.ts';
import { AWS } from './aws.ts';
import type { DatacenterBlock } from './block.ts';
import { DIGITALOCEAN } from './digitalocean.ts';
import { GOOGLE_CLOUD } from './google-cloud.ts';
import { HETZNER } from './hetzner.ts';
import { LINODE } from './linode.ts';
import { MICROSOFT } from './microsoft.ts';
import { ORACLE_CLOUD } from './oracle.ts';

export type { DatacenterBlock } from './block.ts';

export const DATACENTER_NETWORKS: readonly DatacenterBlock[] = [AWS, MICROSOFT, GOOGLE_CLOUD, ORACLE_CLOUD, DIGITALOCEAN, LINODE, HETZNER];

const TABLE = networkTable(DATACENTER_NETWORKS.map((block) => ({ name: block.provider, cidrs: block.cidrs })));

/** The cloud or hosting provider an address belongs to, or null. */
export function datacenterProvider(address: IpAddress | null): string | null {
  return lookupNetwork(TABLE, address);
}
