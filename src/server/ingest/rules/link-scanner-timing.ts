// Gateways scan links when the message is delivered, which is seconds after sending: Defender's
// sandbox clicks "usually within 60 seconds of delivery"
// (https://check.live-direct-marketing.online/blog/microsoft-defender-link-click-pattern), and
// Safe Links / Mimecast / Proofpoint pre-delivery checks land "within seconds of sending"
// (SightMill, https://help.sightmill.com/portal/en/kb/articles/working-with-micros). A person has to
// receive, open and read the email first, so a click inside that window is a scan, unless the
// other evidence says a person on a call with the rep opened the email and clicked at once
// (person-on-call.ts: the same address opened it with a mail client just before, an ordinary
// browser, no sweep). The same holds for a document link; a visit's doc_pages is timed from when
// the visit began (classify.ts), so it gets the same verdict as the visit's doc_open.
import { CLIENT_CLOCK_SKEW_MS, LINK_SCANNER_TIMING_WINDOW_MS } from '../../../shared/tracking-config.ts';
import { followsLink } from '../followed-link.ts';
import { isPersonOnCall } from '../person-on-call.ts';
import type { Rule } from './rule.ts';

/** Within the at-delivery window: from the tolerated clock skew before sending to 60 s after. */
export function inDeliveryWindow(msSinceSent: number): boolean {
  return msSinceSent >= -CLIENT_CLOCK_SKEW_MS && msSinceSent <= LINK_SCANNER_TIMING_WINDOW_MS;
}

export const linkScannerTiming: Rule = {
  reason: 'link-scanner-timing',
  label: 'machine',
  matches: (facts) =>
    followsLink(facts.hit.kind) && facts.msSinceSent !== null && inDeliveryWindow(facts.msSinceSent) && !isPersonOnCall(facts),
};
