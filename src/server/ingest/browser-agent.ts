// What a User-Agent says about the software behind a hit: a declared bot, crawler, HTTP library or
// headless browser by the isbot pattern list (https://github.com/omrilotan/isbot: curl,
// python-requests, HeadlessChrome, BingPreview, ...), or an ordinary browser.
import { isbot } from 'isbot';
import { boundedMemo } from '../lib/bounded-memo.ts';

// isbot is one large regular expression; the same few user agents send most hits.
export const isBotAgent = boundedMemo(4096, isbot);

/** The product token every desktop and mobile browser sends (Safari, Chrome, Firefox, Edge, Opera). */
export const BROWSER_TOKEN = /\b(?:Safari|Mobile|Chrome|Firefox|Edg|OPR)\//;

/** A browser a person uses: a browser token and nothing isbot recognises (no headless sandbox). */
export function isOrdinaryBrowser(userAgent: string): boolean {
  return BROWSER_TOKEN.test(userAgent) && !isBotAgent(userAgent);
}
