// Mail clients that fetch images through their provider's proxy. A fetch by one of these is a
// person reading the mail (the proxy fetches when the message is displayed), so the bot-UA rule
// must not count it as a bot, even though isbot matches these user agents (it does: "Google",
// "Proxy", "Yahoo" are in its pattern list). Clicks never come from image proxies.
import { inNetworks } from './ip-match.ts';
import { GOOGLE_NETWORKS } from './known-networks.ts';
import type { HitFacts } from './rules/rule.ts';

export type MailImageProxy = 'gmail' | 'yahoo';
type FetchFacts = Pick<HitFacts, 'userAgent' | 'address'>;

/**
 * Gmail serves every image of a displayed message through Google's image proxy ("Images Now
 * Showing", https://gmail.googleblog.com/2013/12/images-now-showing.html), with the user agent
 * "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)".
 * ScientiaMobile's WURFL reclassified that agent from robot to email client because its requests
 * "primarily originate from the Gmail service" (https://www.scientiamobile.com/what-is-google-image-proxy/).
 * The address must be Google's too, so a scraper borrowing the string is not allowlisted.
 */
function isGmailImageProxy(facts: FetchFacts): boolean {
  return facts.userAgent.includes('GoogleImageProxy') && inNetworks(facts.address, GOOGLE_NETWORKS);
}

/**
 * Yahoo Mail fetches images through its proxy with the user agent
 * "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html" (the help page is
 * Yahoo's own description of it). Yahoo publishes no address list for it, so the agent alone counts.
 */
function isYahooMailProxy(facts: FetchFacts): boolean {
  return facts.userAgent.startsWith('YahooMailProxy');
}

/** Also asked of an earlier open (person-on-call.ts), hence only the agent and the address. */
export function mailImageProxy(facts: FetchFacts): MailImageProxy | null {
  if (isGmailImageProxy(facts)) return 'gmail';
  if (isYahooMailProxy(facts)) return 'yahoo';
  return null;
}
