// Mail security products (Defender for Office 365 detonation, API-based mail security, sandboxing
// gateways) run on public clouds and fetch pixels and follow links with ordinary desktop browser
// agents, at delivery and again later; a person almost never reads mail from a cloud server. So an
// open, click or document hit from a cloud or hosting provider's published ranges
// (datacenter-networks/) is a machine, and the provider is named with the event.
// Exchange Online Protection's own ranges (known-networks.ts) count for opens too: an open from
// there is the service fetching the message's images, not a reader (its clicks are caught earlier
// by link-scanner-network, which names the gateway).
// Last in classify.ts: the other rules name the fetch more precisely, so this one speaks only for a
// browser-looking agent nothing else explained (a declared bot from a cloud stays bot-ua). A mail
// image proxy's open is a reader even if the proxy runs in a cloud, as in bot-ua.ts.
// A network the team allow-listed (allowed-networks.ts) is the team's own: never this rule's.
import { inAllowedNetwork } from '../allowed-networks.ts';
import { datacenterProvider } from '../datacenter-networks/index.ts';
import { inNetworks } from '../ip-match.ts';
import { MICROSOFT_MAIL_NETWORKS } from '../known-networks.ts';
import { mailImageProxy } from '../mail-image-proxies.ts';
import type { HitFacts, Rule } from './rule.ts';

const EXCHANGE_ONLINE = 'Microsoft Exchange Online';

function provider(facts: HitFacts): string | null {
  const { hit, address } = facts;
  if (inAllowedNetwork(facts.context.allowedNetworks, address)) return null;
  if (hit.kind === 'open' && mailImageProxy(facts) !== null) return null;
  if (hit.kind === 'open' && inNetworks(address, MICROSOFT_MAIL_NETWORKS)) return EXCHANGE_ONLINE;
  return datacenterProvider(address);
}

export const datacenterNetwork: Rule = {
  reason: 'datacenter-network',
  label: 'machine',
  matches: (facts) => provider(facts) !== null,
  network: provider,
};
