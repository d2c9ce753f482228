// The built-in lists: one block a provider, with its source and read date. The datacenter blocks
// are machines (rules/datacenter-network.ts); the human-egress blocks are networks people browse
// through, looked up first (people-networks.md). The daily refresh (network-lists/) replaces a
// provider's block with its downloaded list; these are what is left without one.
import { ALIBABA_CLOUD } from './alibaba.ts';
import { AWS } from './aws.ts';
import type { DatacenterBlock } from './block.ts';
import { DIGITALOCEAN } from './digitalocean.ts';
import { GOOGLE_CLOUD } from './google-cloud.ts';
import { HETZNER } from './hetzner.ts';
import { LINODE } from './linode.ts';
import { MICROSOFT } from './microsoft.ts';
import { ORACLE_CLOUD } from './oracle.ts';
import { OVH } from './ovh.ts';
import { ICLOUD_PRIVATE_RELAY } from './people-icloud-private-relay.ts';
import { ZSCALER } from './people-zscaler.ts';
import { SCALEWAY } from './scaleway.ts';
import { VULTR } from './vultr.ts';

export const DATACENTER_NETWORKS: readonly DatacenterBlock[] = [
  AWS,
  MICROSOFT,
  GOOGLE_CLOUD,
  ORACLE_CLOUD,
  DIGITALOCEAN,
  LINODE,
  HETZNER,
  OVH,
  SCALEWAY,
  VULTR,
  ALIBABA_CLOUD,
];

export const HUMAN_EGRESS_NETWORKS: readonly DatacenterBlock[] = [ICLOUD_PRIVATE_RELAY, ZSCALER];
