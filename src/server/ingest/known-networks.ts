// Published IP ranges the classifier trusts, each with where it is published. Only ranges a
// vendor publishes (or a registry assigns to it) are here: no guessed or observed-only blocks.
// Refresh from the sources when a vendor announces a change; tests pin real addresses in them.
import { networkList, type NetworkList } from './ip-match.ts';

/**
 * Apple's own block. ARIN assigns 17.0.0.0/8 to Apple Inc. (NET-17-0-0-0-0), and Apple's
 * "Use Apple products on enterprise networks" (https://support.apple.com/en-us/101555) tells
 * admins to allow "the Apple 17.0.0.0/8 address block". Apple Mail Privacy Protection prefetches
 * come from Apple's relay; see rules/apple-mpp.ts for how this list is used.
 */
export const APPLE_NETWORKS: NetworkList = networkList(['17.0.0.0/8']);

/**
 * Google's own ranges (not Google Cloud customers): https://www.gstatic.com/ipranges/goog.json, as
 * described in "Obtain Google IP address ranges" (https://support.google.com/a/answer/10026322),
 * and the _spf.google.com netblocks. Gmail's image proxy (GoogleImageProxy) fetches from here,
 * e.g. 66.249.93.84 in a SendGrid open event (https://pastebin.com/qupFDWg8).
 */
export const GOOGLE_NETWORKS: NetworkList = networkList([
  '64.233.160.0/19',
  '66.102.0.0/20',
  '66.249.64.0/19',
  '72.14.192.0/18',
  '74.125.0.0/16',
  '108.177.0.0/17',
  '142.250.0.0/15',
  '172.217.0.0/16',
  '172.253.0.0/16',
  '173.194.0.0/16',
  '209.85.128.0/17',
  '216.58.192.0/19',
  '216.239.32.0/19',
  '2001:4860::/32',
  '2404:6800::/32',
  '2607:f8b0::/32',
  '2800:3f0::/32',
  '2a00:1450::/32',
  '2c0f:fb50::/32',
]);

/**
 * Microsoft Exchange Online and Exchange Online Protection, from "Microsoft 365 URLs and IP address
 * ranges" (https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges,
 * Exchange Online endpoint sets 1 and 2; also spf.protection.outlook.com). Defender for Office 365
 * Safe Links and the Outlook.com link check follow links from here before anyone reads the mail
 * (a reported Outlook.com pre-click came from 132.245.26.156).
 */
export const MICROSOFT_MAIL_NETWORKS: NetworkList = networkList([
  '13.107.6.152/31',
  '13.107.18.10/31',
  '13.107.128.0/22',
  '23.103.160.0/20',
  '40.92.0.0/15',
  '40.96.0.0/13',
  '40.104.0.0/15',
  '40.107.0.0/16',
  '52.96.0.0/14',
  '52.100.0.0/14',
  '52.238.78.88/32',
  '104.47.0.0/17',
  '131.253.33.215/32',
  '132.245.0.0/16',
  '150.171.32.0/22',
  '204.79.197.215/32',
  '2a01:111:f400::/48',
  '2a01:111:f403::/48',
  '2603:1006::/40',
  '2603:1016::/36',
  '2603:1026::/36',
  '2603:1036::/36',
  '2603:1046::/36',
  '2603:1056::/36',
]);

/**
 * Proofpoint (AS26211): 67.231.144.0/20 from Proofpoint's support information page
 * (https://proofpoint.my.site.com/support/PPSup_SupportInfo); 148.163.128.0/19 from Proofpoint's
 * published hosted-service ranges used in inbound-connector set-ups. URL Defense and TAP sandboxes
 * fetch rewritten links from this infrastructure.
 */
export const PROOFPOINT_NETWORKS: NetworkList = networkList(['67.231.144.0/20', '148.163.128.0/19']);

/**
 * Mimecast data-centre ranges as Mimecast publishes them in DNS (the SPF netblocks of
 * _netblocks.mimecast.com, all regions; region by region on Mimecast's "Data Centers and URLs"
 * page). URL Protect scans links from its data centres. Copied entry for entry, not aggregated.
 */
export const MIMECAST_NETWORKS: NetworkList = networkList([
  '195.130.217.0/24',
  '91.220.42.0/24',
  '146.101.78.0/24',
  '207.82.80.0/24',
  '213.167.81.0/25',
  '193.7.207.0/25',
  '213.167.75.0/25',
  '185.58.85.0/24',
  '185.58.86.0/24',
  '193.7.206.0/25',
  '207.211.31.0/25',
  '205.139.110.0/24',
  '216.205.24.0/24',
  '170.10.129.0/24',
  '63.128.21.0/24',
  '170.10.133.0/24',
  '185.58.84.93/32',
  '207.211.41.113/32',
  '207.211.30.64/26',
  '207.211.30.128/25',
  '41.74.192.0/22',
  '41.74.200.0/23',
  '41.74.196.0/22',
  '41.74.204.0/23',
  '41.74.206.0/24',
  '51.163.158.0/24',
  '194.104.109.0/24',
  '62.140.7.0/24',
  '194.104.111.0/24',
  '51.163.159.21/32',
  '62.140.10.21/32',
  '103.13.69.0/24',
  '124.47.150.0/24',
  '124.47.189.0/24',
  '103.96.23.0/24',
  '103.96.21.0/24',
  '180.189.28.0/24',
]);

/**
 * Barracuda Email Security Service (Email Gateway Defense), from "Barracuda Email Security Service
 * IP Ranges" (https://campus.barracuda.com/product/essentials/doc/78810332/barracuda-email-security-service/).
 * Link Protection checks rewritten links from these ranges.
 */
export const BARRACUDA_NETWORKS: NetworkList = networkList(['64.235.144.0/20', '209.222.80.0/21']);

/** Every security gateway whose clicks are scans (rules/link-scanner-network.ts). */
export const LINK_SCANNER_NETWORKS: readonly { vendor: string; networks: NetworkList }[] = [
  { vendor: 'Microsoft', networks: MICROSOFT_MAIL_NETWORKS },
  { vendor: 'Proofpoint', networks: PROOFPOINT_NETWORKS },
  { vendor: 'Mimecast', networks: MIMECAST_NETWORKS },
  { vendor: 'Barracuda', networks: BARRACUDA_NETWORKS },
];
