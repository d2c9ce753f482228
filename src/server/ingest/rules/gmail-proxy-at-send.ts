// Gmail shows the message the rep just sent in the conversation view at once, and fetches its
// images through the Google image proxy as it does for every displayed message ("Images Now
// Showing", https://gmail.googleblog.com/2013/12/images-now-showing.html). A Gmail-proxy open
// within seconds of sending is that display, not the recipient: nobody receives, opens and
// renders an email that fast. A Gmail-proxy open later is a real reader and stays human.
import { CLIENT_CLOCK_SKEW_MS, GMAIL_PROXY_AT_SEND_WINDOW_MS } from '../../../shared/tracking-config.ts';
import { mailImageProxy } from '../mail-image-proxies.ts';
import type { Rule } from './rule.ts';

export const gmailProxyAtSend: Rule = {
  reason: 'gmail-proxy-at-send',
  label: 'machine',
  matches: (facts) =>
    facts.hit.kind === 'open' &&
    facts.msSinceSent !== null &&
    facts.msSinceSent >= -CLIENT_CLOCK_SKEW_MS &&
    facts.msSinceSent <= GMAIL_PROXY_AT_SEND_WINDOW_MS &&
    mailImageProxy(facts) === 'gmail',
};
