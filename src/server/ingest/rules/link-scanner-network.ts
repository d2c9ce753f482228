// Security gateways follow the links of incoming mail before (and as) the recipient clicks:
// Microsoft Defender for Office 365 Safe Links: "URLs are scanned prior to message delivery" and
// "URLs that don't have a valid reputation are detonated asynchronously in the background"
// (https://learn.microsoft.com/en-us/defender-office-365/safe-links-about); Proofpoint URL
// Defense, Mimecast URL Protect and Barracuda Link Protection rewrite and check links the same
// way. A click from one of their published networks (known-networks.ts) is such a check; the
// person's own click comes from their browser's address after the gateway redirects them. A
// document link is checked the same way (a fetch of the original, a sandbox running the viewer).
// A range the team allow-listed is skipped: a team that browses through its vendor's web gateway
// says so on purpose, and the gateway's own scans of the team's mail are still caught by their
// timing and sweeps (link-scanner-timing, link-scanner-all-links).
import { inAllowedNetwork } from '../allowed-networks.ts';
import { followsLink } from '../followed-link.ts';
import { inNetworks } from '../ip-match.ts';
import { LINK_SCANNER_NETWORKS } from '../known-networks.ts';
import type { Rule } from './rule.ts';

export const linkScannerNetwork: Rule = {
  reason: 'link-scanner-network',
  label: 'machine',
  matches: ({ hit, address, context }) =>
    followsLink(hit.kind) &&
    !inAllowedNetwork(context.allowedNetworks, address) &&
    LINK_SCANNER_NETWORKS.some(({ networks }) => inNetworks(address, networks)),
};
