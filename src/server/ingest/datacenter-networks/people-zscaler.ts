// Zscaler Internet Access: employees' web traffic leaves through Zscaler's enforcement nodes, so a
// remote server sees the node's address, not the office's (people-networks.md). Zscaler publishes
// its hub and enforcement-node ranges at https://config.zscaler.com (zscaler.net: hubs/cidr/json,
// "required" and "recommended"). Read from the copy kept by github.com/disposable/cloud-ip-ranges
// (json/zscaler.json, updated 2025-07-01), merged. The format of Zscaler's JSON API could not be
// checked from this machine, so this list is built in only (no daily download).
import { cidrs, type DatacenterBlock } from './block.ts';

export const ZSCALER: DatacenterBlock = {
  provider: 'Zscaler',
  source: 'https://config.zscaler.com/api/zscaler.net/hubs/cidr/json/recommended',
  read: '2026-12-03',
  cidrs: cidrs(`
  8.25.203.0/24 64.74.126.64/26 70.39.159.0/24 72.52.96.0/26 87.58.64.0/18 89.167.131.0/24
  101.2.192.0/18 104.129.192.0/20 112.196.99.180/32 136.226.0.0/16 137.83.128.0/18 147.161.128.0/17
  159.254.0.0/16 165.225.0.0/17 165.225.192.0/18 167.103.0.0/16 167.106.0.0/16 170.85.0.0/16
  185.46.212.0/22 194.9.96.0/20 194.9.112.0/22 194.9.116.0/24 198.14.64.0/18 199.168.148.0/22
  205.220.0.0/17 209.55.128.0/18 209.55.192.0/19 213.152.228.0/24 216.52.207.64/26 216.218.133.192/26
  2400:7aa0:131b::/48 2400:7aa0:131c::/48 2400:7aa0:1815::/48
  2400:7aa0:1b11::/48 2400:7aa0:1b19::/48 2400:7aa0:1c11::/48
  2400:7aa0:1c12::/48 2400:7aa0:1c16::/47 2400:7aa0:1e11::/48
  2400:7aa0:1e18::/48 2605:4300:1211::/48 2605:4300:1212::/48
  2605:4300:1214::/48 2605:4300:1216::/48 2605:4300:1311::/48
  2605:4300:1312::/48 2605:4300:1315::/48 2605:4300:131b::/48
  2605:4300:131c::/48 2605:4300:1411::/48 2605:4300:1412::/47
  2605:4300:1414::/48 2605:4300:1418::/48 2605:4300:1420::/47
  2a03:eec0:1211::/48 2a03:eec0:1212::/48 2a03:eec0:1216::/48
  2a03:eec0:1311::/48 2a03:eec0:1312::/48 2a03:eec0:1317::/48
  2a03:eec0:1411::/48 2a03:eec0:1414::/47 2a03:eec0:1d16::/48
  2a03:eec0:1e15::/48 2a03:eec0:2e15::/48 2a03:eec0:3217::/48
  2a03:eec0:321a::/47 2a03:eec0:321c::/48 2a03:eec0:321e::/47
  2a03:eec0:3220::/47 2a03:eec0:3224::/48 2a03:eec0:3226::/48
  2a03:eec0:3228::/48
`),
};
