// A sandbox "clicks EVERY link in the email within 10 seconds" from one place (Defender Safe
// Attachments detonation, https://check.live-direct-marketing.online/blog/microsoft-defender-link-click-pattern;
// SightMill on Safe Links: "a large number of responses ... within seconds of sending",
// https://help.sightmill.com/portal/en/kb/articles/working-with-micros). A person opens one or
// two links, seconds apart at best. So when this click completes the set of all of the email's
// links, clicked from the same network within a few seconds, it is a scanner.
// Needs the link count and at least two links; earlier clicks of the sweep were labelled when they
// arrived (often by link-scanner-timing, as sweeps tend to run at delivery).
import { LINK_SCANNER_ALL_LINKS_MIN_LINKS, LINK_SCANNER_ALL_LINKS_WINDOW_MS } from '../../../shared/tracking-config.ts';
import { parseIp, sameNetwork } from '../ip-match.ts';
import type { Rule } from './rule.ts';

export const linkScannerAllLinks: Rule = {
  reason: 'link-scanner-all-links',
  label: 'machine',
  matches: ({ hit, context, address }) => {
    const links = context.links ?? 0;
    if (hit.kind !== 'click' || hit.linkId === undefined || links < LINK_SCANNER_ALL_LINKS_MIN_LINKS) {
      return false;
    }
    const clicked = new Set<string>([hit.linkId]);
    for (const prior of context.priorClicks) {
      if (prior.id === hit.id || prior.linkId === undefined) continue;
      if (Math.abs(hit.at.getTime() - prior.at.getTime()) > LINK_SCANNER_ALL_LINKS_WINDOW_MS) continue;
      if (sameNetwork(address, parseIp(prior.ip))) clicked.add(prior.linkId);
    }
    return clicked.size >= links;
  },
};
