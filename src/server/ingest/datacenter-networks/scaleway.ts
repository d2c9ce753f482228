// Scaleway (formerly Online SAS): every block announced by AS12876 (Scaleway SAS, RIPE NCC) except
// the /24s and 78.232.0.0/17, which sits inside Free's home-access space. Scaleway publishes no
// list of its own. Read from the copy kept by github.com/ipverse/as-ip-blocks
// (as/12876/aggregated.json, commit 1229577).
import { cidrs, type DatacenterBlock } from './block.ts';

export const SCALEWAY: DatacenterBlock = {
  provider: 'Scaleway',
  source: 'Prefixes announced by Scaleway SAS (ex Online SAS), AS12876 (RIPE NCC)',
  read: '2026-12-03',
  cidrs: cidrs(`
  51.15.0.0/16 51.158.0.0/15 62.4.0.0/19 62.210.0.0/16 151.115.0.0/17 151.115.128.0/18
  151.115.208.0/20 151.115.224.0/19 163.172.0.0/16 195.154.0.0/16 212.47.224.0/19 212.83.128.0/18
  212.129.0.0/18
  2001:bc8::/32
`),
};
