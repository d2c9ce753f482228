// Declared bots, crawlers, HTTP libraries and headless browsers, by the isbot pattern list
// (https://github.com/omrilotan/isbot: curl, python-requests, HeadlessChrome, BingPreview, ...).
// isbot also matches mail image proxies ("GoogleImageProxy", "YahooMailProxy"); an open through
// one of those is a person reading the mail, so those are exempt (mail-image-proxies.ts). An empty
// User-Agent is a script too: browsers and mail clients always send one (RFC 9110 §10.1.5 says a
// user agent SHOULD send it), and isbot does not flag the empty string itself.
import { isBotAgent } from '../browser-agent.ts';
import { mailImageProxy } from '../mail-image-proxies.ts';
import type { Rule } from './rule.ts';

export const botUa: Rule = {
  reason: 'bot-ua',
  label: 'machine',
  matches: (facts) => {
    if (facts.userAgent === '') return true;
    if (facts.hit.kind === 'open' && mailImageProxy(facts) !== null) return false;
    return isBotAgent(facts.userAgent);
  },
};
