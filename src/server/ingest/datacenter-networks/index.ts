// The clouds and hosting providers whose addresses are machines, not readers (rules/datacenter-network.ts).
// A person almost never reads mail from a cloud server; security products that fetch pixels and
// follow links (sandboxes, detonation, API-based mail security) run there. The lookups read the
// current tables (network-registry.ts): the built-in lists, or the cached or downloaded ones.
export type { DatacenterBlock } from './block.ts';
export { DATACENTER_NETWORKS, HUMAN_EGRESS_NETWORKS } from './baseline.ts';
export { datacenterProvider, humanEgress } from '../network-registry.ts';
