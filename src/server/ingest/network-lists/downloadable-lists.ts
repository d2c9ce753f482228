// The lists the server downloads: where each provider publishes it, how to read its format, and
// how many ranges a real copy has at least (far below the real size: fewer means a broken or
// truncated file, which is refused). Providers without a published list (Hetzner, OVHcloud,
// Scaleway, Alibaba Cloud, Zscaler) keep their built-in block only.
import { ALIBABA_CLOUD } from '../datacenter-networks/alibaba.ts';
import { AWS } from '../datacenter-networks/aws.ts';
import type { DatacenterBlock } from '../datacenter-networks/block.ts';
import { DIGITALOCEAN } from '../datacenter-networks/digitalocean.ts';
import { GOOGLE_CLOUD } from '../datacenter-networks/google-cloud.ts';
import { HETZNER } from '../datacenter-networks/hetzner.ts';
import { LINODE } from '../datacenter-networks/linode.ts';
import { MICROSOFT } from '../datacenter-networks/microsoft.ts';
import { ORACLE_CLOUD } from '../datacenter-networks/oracle.ts';
import { OVH } from '../datacenter-networks/ovh.ts';
import { ICLOUD_PRIVATE_RELAY } from '../datacenter-networks/people-icloud-private-relay.ts';
import { ZSCALER } from '../datacenter-networks/people-zscaler.ts';
import { SCALEWAY } from '../datacenter-networks/scaleway.ts';
import { VULTR } from '../datacenter-networks/vultr.ts';
import { parseAwsIpRanges } from './formats/aws-ip-ranges.ts';
import { AZURE_DOWNLOAD_PAGE, azureFileLink, parseAzureServiceTags } from './formats/azure-service-tags.ts';
import { parseGoogleCloudJson } from './formats/google-cloud-json.ts';
import { parseOracleJson } from './formats/oracle-json.ts';
import { parsePrefixCsv } from './formats/prefix-csv.ts';
import type { DownloadableListId } from './list-ids.ts';

export type NetworkKind = 'datacenter' | 'human-egress';

export interface NetworkListSource {
  /** The built-in block; its provider names the hits. */
  baseline: DatacenterBlock;
  kind: NetworkKind;
  download?: {
    id: DownloadableListId;
    url: string;
    /** When the URL is a page that links the current file (Azure), how to find the link. */
    fileLink?: (page: string) => string;
    parse(text: string): string[];
    minimumEntries: number;
    /**
     * Keep the built-in ranges beside the download: Microsoft's block also holds Microsoft's own
     * address space (Public IP Space), which the Service Tags file does not list.
     */
    keepBaseline?: boolean;
  };
}

export const NETWORK_LIST_SOURCES: readonly NetworkListSource[] = [
  {
    baseline: AWS,
    kind: 'datacenter',
    download: { id: 'aws', url: 'https://ip-ranges.amazonaws.com/ip-ranges.json', parse: parseAwsIpRanges, minimumEntries: 1000 },
  },
  {
    baseline: MICROSOFT,
    kind: 'datacenter',
    download: {
      id: 'azure',
      url: AZURE_DOWNLOAD_PAGE,
      fileLink: azureFileLink,
      parse: parseAzureServiceTags,
      minimumEntries: 1000,
      keepBaseline: true,
    },
  },
  {
    baseline: GOOGLE_CLOUD,
    kind: 'datacenter',
    download: { id: 'google-cloud', url: 'https://www.gstatic.com/ipranges/cloud.json', parse: parseGoogleCloudJson, minimumEntries: 100 },
  },
  {
    baseline: ORACLE_CLOUD,
    kind: 'datacenter',
    download: {
      id: 'oracle',
      url: 'https://docs.oracle.com/iaas/tools/public_ip_ranges.json',
      parse: parseOracleJson,
      minimumEntries: 100,
    },
  },
  {
    baseline: DIGITALOCEAN,
    kind: 'datacenter',
    download: {
      id: 'digitalocean',
      url: 'https://www.digitalocean.com/geo/google.csv',
      parse: (text) => parsePrefixCsv(text, "DigitalOcean's geofeed"),
      minimumEntries: 100,
    },
  },
  {
    baseline: LINODE,
    kind: 'datacenter',
    download: {
      id: 'linode',
      url: 'https://geoip.linode.com/',
      parse: (text) => parsePrefixCsv(text, "Linode's geofeed"),
      minimumEntries: 100,
    },
  },
  { baseline: HETZNER, kind: 'datacenter' },
  { baseline: OVH, kind: 'datacenter' },
  { baseline: SCALEWAY, kind: 'datacenter' },
  {
    baseline: VULTR,
    kind: 'datacenter',
    download: {
      id: 'vultr',
      url: 'https://geofeed.constant.com/?text',
      parse: (text) => parsePrefixCsv(text, "Vultr's geofeed"),
      minimumEntries: 100,
    },
  },
  { baseline: ALIBABA_CLOUD, kind: 'datacenter' },
  {
    baseline: ICLOUD_PRIVATE_RELAY,
    kind: 'human-egress',
    download: {
      id: 'icloud-private-relay',
      url: 'https://mask-api.icloud.com/egress-ip-ranges.csv',
      parse: (text) => parsePrefixCsv(text, "Apple's egress-ip-ranges.csv"),
      minimumEntries: 1000,
    },
  },
  { baseline: ZSCALER, kind: 'human-egress' },
];
