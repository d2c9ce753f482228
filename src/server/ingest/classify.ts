// The pure classifier: labels one hit human, self or machine, with the reason. No I/O and no clock
// (time comes from hit.at), so the server and `glint classify` give the same answer for the same
// input. Rules are asked in order and the first match wins: the rep's own views before machine
// signals (a self view must never surface as anything), and the specific machine signals before
// the generic bot-UA test so the reason says what was recognised.
import type { Classification } from '../../shared/event-model.ts';
import type { ClassifiableHit, ClassificationContext } from './classify-types.ts';
import { parseIp } from './ip-match.ts';
import { appleMpp } from './rules/apple-mpp.ts';
import { botUa } from './rules/bot-ua.ts';
import { datacenterNetwork } from './rules/datacenter-network.ts';
import { gmailProxyAtSend } from './rules/gmail-proxy-at-send.ts';
import { linkScannerAllLinks } from './rules/link-scanner-all-links.ts';
import { linkScannerNetwork } from './rules/link-scanner-network.ts';
import { linkScannerTiming } from './rules/link-scanner-timing.ts';
import type { HitFacts, Rule } from './rules/rule.ts';
import { senderDevice } from './rules/sender-device.ts';
import { senderSelfView } from './rules/sender-self-view.ts';

export type { ClassifiableHit, ClassificationContext } from './classify-types.ts';

/**
 * In order. Among link scanners the named network is the most specific evidence, so it comes first.
 * datacenter-network comes last: every other rule names what the fetch is more precisely (a mail
 * proxy, Apple's relay, a known gateway, a sweep, delivery timing, a declared bot), so it speaks
 * only for a browser-looking agent that nothing else explained.
 */
export const RULES: readonly Rule[] = [
  senderDevice,
  senderSelfView,
  gmailProxyAtSend,
  appleMpp,
  linkScannerNetwork,
  linkScannerAllLinks,
  linkScannerTiming,
  botUa,
  datacenterNetwork,
];

export function classify(hit: ClassifiableHit, context: ClassificationContext): Classification {
  const facts: HitFacts = {
    hit,
    context,
    address: parseIp(hit.ip),
    userAgent: hit.userAgent.trim(),
    msSinceSent: context.sentAt ? (hit.visitStartedAt ?? hit.at).getTime() - context.sentAt.getTime() : null,
  };
  for (const rule of RULES) {
    if (!rule.matches(facts)) continue;
    const network = rule.network?.(facts) ?? null;
    return network === null ? { label: rule.label, reason: rule.reason } : { label: rule.label, reason: rule.reason, network };
  }
  return { label: 'human', reason: 'no-machine-signal' };
}
