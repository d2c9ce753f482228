// The scripted hits of shared-database-labels.test.ts. Sent alternately to two servers, step i
// goes to server i mod 2 (A, B, A, ...): the comments name the server and what a server that kept
// an email's history in its own memory would get wrong there.
import { IP, UA } from '../../fixtures/hits/real-world.ts';

export type Step =
  | { do: 'register'; email: string; sentSecondsAgo: number; links: string[] }
  | { do: 'device'; email: string }
  | { do: 'self-view'; email: string }
  | { do: 'open'; email: string; ip: string; userAgent: string; fromDevice?: boolean }
  | { do: 'click'; email: string; link: number; ip: string; userAgent?: string };

const LONG_AGO = 30 * 60;
const LINKS = ['https://acme.example/pricing', 'https://acme.example/demo', 'https://acme.example/case-study'];
const CURL = 'curl/8.5.0';
const BROWSER = UA.chromeWindows;

/** The script's emails (each gets its own token). */
export const SCRIPT_EMAILS = ['repeat', 'at-send', 'device', 'viewed', 'relabelled', 'sweep', 'on-call', 'orphans'] as const;

export function scriptSteps(): Step[] {
  return [
    // Repeat opens: B remembers "no human open yet" from the bot; A then stores a person's open.
    { do: 'register', email: 'repeat', sentSecondsAgo: LONG_AGO, links: [] }, // A
    { do: 'open', email: 'repeat', ip: IP.office, userAgent: CURL }, // B: bot-ua
    { do: 'open', email: 'repeat', ip: IP.home, userAgent: UA.outlookDesktop }, // A: human
    { do: 'open', email: 'repeat', ip: IP.phone, userAgent: UA.iphoneMail }, // B: human, a repeat
    // Gmail's fetch at send: A saw the token before B registered it.
    { do: 'open', email: 'at-send', ip: IP.home, userAgent: UA.outlookDesktop }, // A: an orphan
    { do: 'register', email: 'at-send', sentSecondsAgo: 0, links: [] }, // B: attaches it
    { do: 'open', email: 'at-send', ip: IP.gmailProxy, userAgent: UA.gmailProxy }, // A: gmail-proxy-at-send
    // The owner's device: A read the owner's devices before B registered this one.
    { do: 'register', email: 'device', sentSecondsAgo: LONG_AGO, links: [] }, // B
    { do: 'open', email: 'device', ip: IP.home, userAgent: BROWSER, fromDevice: true }, // A: human (no such device yet)
    { do: 'device', email: 'device' }, // B
    { do: 'open', email: 'device', ip: IP.home, userAgent: BROWSER, fromDevice: true }, // A: sender-device
    // A self-view beacon on B, then Gmail's fetch on A, which had read the owner's views before.
    { do: 'register', email: 'viewed', sentSecondsAgo: LONG_AGO, links: [] }, // B
    { do: 'open', email: 'viewed', ip: IP.home, userAgent: UA.outlookDesktop }, // A: human
    { do: 'self-view', email: 'viewed' }, // B
    { do: 'open', email: 'viewed', ip: IP.gmailProxy, userAgent: UA.gmailProxy }, // A: sender-self-view
    // Gmail's fetch on A, then the beacon on B, which relabels it.
    { do: 'register', email: 'relabelled', sentSecondsAgo: LONG_AGO, links: [] }, // B
    { do: 'open', email: 'relabelled', ip: IP.gmailProxy2, userAgent: UA.gmailProxy }, // A: human, later self
    { do: 'self-view', email: 'relabelled' }, // B
    // A sweep of three links from one network, its clicks spread over both servers.
    { do: 'register', email: 'sweep', sentSecondsAgo: LONG_AGO, links: LINKS }, // A
    { do: 'click', email: 'sweep', link: 0, ip: IP.sweepA }, // B: human, later machine
    { do: 'click', email: 'sweep', link: 1, ip: IP.sweepB }, // A: human, later machine
    { do: 'click', email: 'sweep', link: 2, ip: IP.sweepC }, // B: link-scanner-all-links
    // At send: a person on a call opens on B and clicks on A; another address clicks on B.
    { do: 'register', email: 'on-call', sentSecondsAgo: 0, links: LINKS.slice(0, 2) }, // A
    { do: 'open', email: 'on-call', ip: IP.home, userAgent: UA.outlookDesktop }, // B: human
    { do: 'click', email: 'on-call', link: 0, ip: IP.home }, // A: human (person on call)
    { do: 'click', email: 'on-call', link: 1, ip: IP.office }, // B: link-scanner-timing
    // Hits before registration on both servers, judged again when A registers the email.
    { do: 'click', email: 'orphans', link: 0, ip: IP.sweepA }, // A
    { do: 'click', email: 'orphans', link: 1, ip: IP.sweepB }, // B
    { do: 'open', email: 'orphans', ip: IP.home, userAgent: UA.outlookDesktop }, // A
    { do: 'open', email: 'orphans', ip: IP.phone, userAgent: UA.iphoneMail }, // B
    { do: 'register', email: 'orphans', sentSecondsAgo: LONG_AGO, links: LINKS.slice(0, 2) }, // A: a sweep, a repeat
    { do: 'open', email: 'orphans', ip: IP.office, userAgent: UA.outlookDesktop }, // B: human, a repeat
  ];
}
