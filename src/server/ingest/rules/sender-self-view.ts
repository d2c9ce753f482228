// The rep opening their own sent message in Gmail: Gmail displays every image, the sender's own
// sent mail included, through its image proxy ("Images Now Showing",
// https://gmail.googleblog.com/2013/12/images-now-showing.html), so that fetch reaches us without
// the device header. The extension sends a self-view beacon when the rep opens one of their
// tracked emails; a Gmail-proxy fetch of that email just after (or, clocks racing, just before)
// such a beacon is the rep's own view.
import { CLIENT_CLOCK_SKEW_MS, SELF_VIEW_WINDOW_MS } from '../../../shared/tracking-config.ts';
import { mailImageProxy } from '../mail-image-proxies.ts';
import type { Rule } from './rule.ts';

export const senderSelfView: Rule = {
  reason: 'sender-self-view',
  label: 'self',
  matches: (facts) => {
    if (mailImageProxy(facts) !== 'gmail') return false;
    const hitAt = facts.hit.at.getTime();
    return facts.context.selfViews.some((view) => {
      const sinceView = hitAt - view.at.getTime();
      return sinceView >= -CLIENT_CLOCK_SKEW_MS && sinceView <= SELF_VIEW_WINDOW_MS;
    });
  },
};
