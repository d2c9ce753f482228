// Apple Mail Privacy Protection: Apple Mail downloads every remote image of a new message through
// Apple's relay as soon as it arrives, read or not (SocketLabs, "Identifying Apple MPP opens",
// https://help.socketlabs.com/docs/identifying-apple-mpp-opens-in-notification-api-events), so the
// open says "delivered to an Apple Mail user", not "read".
// Signature as reported by ESPs and parsers:
// - the user agent is exactly "Mozilla/5.0", nothing else (ua-parser uap-core,
//   https://github.com/ua-parser/uap-core/issues/509; Spam Resource, "Let's track Apple MPP opens",
//   https://www.spamresource.com/2022/02/lets-track-apple-mpp-opens.html: 95% of such opens were
//   MPP). The relay egresses through iCloud Private Relay's Akamai/Cloudflare/Fastly addresses
//   (Word to the Wise, https://wordtothewise.com/2021/09/apple-mpp-reporting-and-geolocation/),
//   too many to list, so the agent is the main test;
// - or the fetch comes from Apple's own 17.0.0.0/8 with no browser token in the agent (a browser
//   there, e.g. iCloud.com webmail, is a person).
// Opens only: Spam Resource warns not to suppress clicks from Apple relays, they are people.
import { BROWSER_TOKEN } from '../browser-agent.ts';
import { inNetworks } from '../ip-match.ts';
import { APPLE_NETWORKS } from '../known-networks.ts';
import type { Rule } from './rule.ts';

const MPP_USER_AGENT = 'Mozilla/5.0';

export const appleMpp: Rule = {
  reason: 'apple-mpp',
  label: 'machine',
  matches: ({ hit, userAgent, address }) => {
    if (hit.kind !== 'open') return false;
    if (userAgent === MPP_USER_AGENT) return true;
    return inNetworks(address, APPLE_NETWORKS) && !BROWSER_TOKEN.test(userAgent);
  },
};
