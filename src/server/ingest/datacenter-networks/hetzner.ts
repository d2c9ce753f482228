// Hetzner Online: the /19-or-larger IPv4 and every IPv6 block announced by Hetzner's autonomous
// systems AS24940 and AS37153 (registered to Hetzner Online GmbH at RIPE NCC and AFRINIC). Hetzner
// publishes no list of its own. Read from the copy kept by github.com/disposable/cloud-ip-ranges
// (json/hetzner.json, "source": "AS24940, AS37153", updated 2025-05-22).
import { cidrs, type DatacenterBlock } from './block.ts';

export const HETZNER: DatacenterBlock = {
  provider: 'Hetzner',
  source: 'Prefixes announced by Hetzner Online GmbH, AS24940 and AS37153 (RIPE NCC, AFRINIC)',
  read: '2026-12-03',
  cidrs: cidrs(`
  5.9.0.0/16 5.75.128.0/17 23.88.0.0/17 37.27.0.0/16 46.4.0.0/16 46.62.128.0/17
  49.12.0.0/16 49.13.0.0/16 65.21.0.0/16 65.108.0.0/16 65.109.0.0/16 78.46.0.0/15
  85.10.192.0/18 88.99.0.0/16 88.198.0.0/16 91.99.0.0/16 91.107.128.0/17 94.130.0.0/16
  95.216.0.0/16 95.217.0.0/16 116.202.0.0/16 116.203.0.0/16 128.140.0.0/17 135.181.0.0/16
  136.243.0.0/16 138.199.128.0/17 138.201.0.0/16 142.132.128.0/17 144.76.0.0/16 148.251.0.0/16
  157.90.0.0/16 157.180.0.0/17 159.69.0.0/16 162.55.0.0/16 167.233.0.0/16 167.235.0.0/16
  168.119.0.0/16 176.9.0.0/16 178.63.0.0/16 188.34.128.0/17 188.40.0.0/16 188.245.0.0/16
  195.201.0.0/16 213.133.96.0/19 213.239.192.0/18
  2a01:4f8::/32 2a01:4f9::/32 2a06:be80::/29
  2a11:e980::/29 2a12:2240::/29
`),
};
