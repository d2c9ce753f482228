// A prospect on a call with the rep gets the email, opens it and clicks within seconds: inside the
// window where link-scanner-timing expects only gateways. So timing is evidence, not a verdict: an
// at-send click (or document visit) is a person's when everything else says so:
// - the same client (the same IPv4 address, or the same /64 for IPv6) has just opened the email
//   with a mail client: an open labelled human, not fetched by an image proxy
//   (mail-image-proxies.ts) nor from a network known for machines (known-networks.ts). A gateway
//   fetches links from its own networks, not from the address the recipient reads mail at;
// - an ordinary browser follows the link: a browser token and nothing isbot recognises, so no
//   headless sandbox and no HTTP library (browser-agent.ts);
// - no other link of the email was clicked from the same network within the sweep window
//   (rules/link-scanner-all-links.ts, asked before the timing rule, labels the click completing a
//   sweep; the server then relabels the sweep's first click too, sweep-relabel.ts).
import { CLIENT_CLOCK_SKEW_MS, LINK_SCANNER_ALL_LINKS_WINDOW_MS } from '../../shared/tracking-config.ts';
import { isOrdinaryBrowser } from './browser-agent.ts';
import { inNetworks, parseIp, sameClient, sameNetwork, type IpAddress } from './ip-match.ts';
import { APPLE_NETWORKS, GOOGLE_NETWORKS, LINK_SCANNER_NETWORKS } from './known-networks.ts';
import { mailImageProxy } from './mail-image-proxies.ts';
import type { HitFacts } from './rules/rule.ts';

function inKnownMachineNetwork(address: IpAddress | null): boolean {
  return (
    inNetworks(address, GOOGLE_NETWORKS) ||
    inNetworks(address, APPLE_NETWORKS) ||
    LINK_SCANNER_NETWORKS.some(({ networks }) => inNetworks(address, networks))
  );
}

/** A human open of the email by this hit's client, after sending and before the hit (or visit) began. */
function openedBySameClient({ hit, context, address }: HitFacts): boolean {
  if (!context.sentAt || !context.humanOpens) return false;
  const from = context.sentAt.getTime() - CLIENT_CLOCK_SKEW_MS;
  const until = (hit.visitStartedAt ?? hit.at).getTime();
  return context.humanOpens.some((open) => {
    const at = open.at.getTime();
    if (at < from || at > until) return false;
    const openAddress = parseIp(open.ip);
    if (!sameClient(address, openAddress) || inKnownMachineNetwork(openAddress)) return false;
    return mailImageProxy({ userAgent: open.userAgent.trim(), address: openAddress }) === null;
  });
}

/** Another link of the email clicked from the same network within the sweep window. */
function partOfSweep({ hit, context, address }: HitFacts): boolean {
  if (hit.kind !== 'click') return false;
  return context.priorClicks.some(
    (prior) =>
      prior.id !== hit.id &&
      prior.linkId !== hit.linkId &&
      Math.abs(hit.at.getTime() - prior.at.getTime()) <= LINK_SCANNER_ALL_LINKS_WINDOW_MS &&
      sameNetwork(address, parseIp(prior.ip)),
  );
}

/** True when an at-send hit that follows a link is a person's, not a scan (see the top). */
export function isPersonOnCall(facts: HitFacts): boolean {
  return isOrdinaryBrowser(facts.userAgent) && !partOfSweep(facts) && openedBySameClient(facts);
}
