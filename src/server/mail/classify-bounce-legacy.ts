// Failure notices that are not DSNs: qmail, Exim, old Sendmail, Exchange, Notes, Domino and
// proprietary gateways write a sentence and quote the message. Recognised by the words of the
// subject and the body; a notice that says delivery is still being tried is a delay, not a
// bounce. The failed addresses are read from the notice's text, before the returned copy.
import { addressesIn } from './message-ids.ts';
import type { ParsedMessage } from './message-types.ts';

const FAILURE_SUBJECT = new RegExp(
  [
    '^\\s*(?:\\[[^\\]]*\\]\\s*)?(?:undeliver(?:able|ed)|undelivered mail|non[- ]?deliver|nondeliverable|not delivered',
    'mail delivery fail|delivery fail|failed delivery|failure notice|returned mail|return(?:ed)? to sender',
    'delivery status notification(?: \\(failure\\)|: error| error)|mail system error|delivery notification: delivery has failed',
    'message delivery has failed|could not be delivered|unable to deliver|mail could not be delivered',
    'unzustellbar|nicht zustellbar|non remis|non distribuable|onbestelbaar|niet afgeleverd|rejected|bounce)',
  ].join('|'),
  'i',
);

const FAILURE_TEXT = new RegExp(
  [
    "I'm afraid I wasn't able to deliver|This message was created automatically by mail delivery software",
    'could not be delivered to one or more|could not be delivered to the following|was not delivered to',
    'delivery (?:to the following recipients? )?(?:has )?failed|permanent(?:ly)? (?:fatal )?error|permanent failure',
    'message (?:could not|cannot|can not) be delivered|unable to deliver|undeliverable|did not reach (?:some or all|the following)',
    'following addresses? had (?:permanent )?(?:fatal )?(?:errors|delivery problems)|user unknown|no such user',
    'mailbox (?:unavailable|not found|is full|full)|address rejected|recipient address rejected|host or domain name not found',
    'nicht zugestellt werden|konnte nicht zugestellt|n.a pas pu .tre (?:remis|distribu)|kon niet worden bezorgd',
    'error has occurred while attempting to deliver|invalid (?:user|recipient) address|following addresses? had (?:permanent )?delivery errors',
  ].join('|'),
  'i',
);

// A delay warning keeps trying: "has not yet been delivered", "will continue to try", "Warning:".
const DELAY = new RegExp(
  [
    'has not yet been delivered|not been delivered yet|will (?:continue|keep) (?:to try|trying)|still (?:being )?tr(?:y|ied)',
    'will be retried|delivery (?:is|has been) delayed|delayed mail|warning: could not send|temporary failure',
    'no need to resend|do not need to resend|will try again|is being retried|\\(delay\\)',
  ].join('|'),
  'i',
);

const MAILER_LOCAL_PARTS =
  /^(?:mailer-daemon|mailer_daemon|mailerdaemon|postmaster|post_master|mail-daemon|maildaemon|mdaemon|bounce[s]?|nobody|root|daemon|mail)$/i;
const DAEMON_LOCAL_PARTS = /^(?:mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|maildaemon|mdaemon)$/i;

// Where the returned copy of the message starts in the notice's text.
const RETURNED_COPY = new RegExp(
  [
    '^[ \\t]*-* ?(?:This is a copy of|Below (?:this line )?is a copy of)',
    '^[ \\t]*-+ ?(?:Original message|Forwarded message|The original message|Copy of the)',
    '^-+ ?(?:Undelivered message|Returned message|Unsent message|Message header|Headers of the)',
    '^(?:Original message follows|Original-Envelope-Id|Received: from|Return-Path:)',
  ].join('|'),
  'im',
);

export function isMailerAddress(address: string): boolean {
  return MAILER_LOCAL_PARTS.test(address.split('@')[0] ?? '');
}

function beforeCopy(text: string): string {
  const start = text.search(RETURNED_COPY);
  return start < 0 ? text : text.slice(0, start);
}

/** The notice's own text: the body (and plain-text parts) before the returned copy. */
export function noticeText(message: ParsedMessage): string {
  const plainParts = message.parts.filter((part) => part.contentType.startsWith('text/plain')).map((part) => beforeCopy(part.text));
  return [beforeCopy(message.text), ...plainParts].join('\n').slice(0, 16 * 1024);
}

/**
 * A notice from a mail system that delivery is late but still being tried (Exim, Sendmail and
 * others without a DSN). Only from a mailer address: a person may well write "delay" in a subject.
 */
export function isDelayNotice(message: ParsedMessage): boolean {
  const fromMailer = message.from.length === 0 || message.from.some(isMailerAddress);
  return fromMailer && (DELAY.test(message.subject) || DELAY.test(noticeText(message).slice(0, 2000)));
}

export function isLegacyBounce(message: ParsedMessage): boolean {
  const notice = noticeText(message);
  const subjectSaysFailed = FAILURE_SUBJECT.test(message.subject);
  const textSaysFailed = FAILURE_TEXT.test(notice);
  if (!subjectSaysFailed && !textSaysFailed) return false;
  if (DELAY.test(message.subject) || DELAY.test(notice.slice(0, 2000))) return false;
  const fromMailer = message.from.length === 0 || message.from.some(isMailerAddress);
  const returnsMessage = message.parts.some((part) => part.contentType === 'message/rfc822' || part.contentType.includes('rfc822-header'));
  return fromMailer || returnsMessage || (subjectSaysFailed && textSaysFailed);
}

const FAILED_LIST_INTRO =
  /following (?:recipients?|addresse?s?|destination)|recipient\(s\)|address\(es\)|wasn't able to deliver|could not be delivered to/i;

const COPY_RECIPIENTS = /^(?:To|Cc)[ \t]*:((?:.*)(?:\r?\n[ \t]+.*)*)/gim;

/** The recipients named in the To and Cc headers of the returned copy. */
function returnedCopyRecipients(message: ParsedMessage): string[] {
  const copies = message.parts.filter((part) => part.contentType.includes('rfc822')).map((part) => part.text);
  const text = message.text;
  const start = text.search(RETURNED_COPY);
  // Skip the separator line and the blank lines after it.
  if (start >= 0) copies.push(text.slice(start).replace(/^[^\n]*\n\s*/, ''));
  return copies.flatMap((copy) => {
    const header = copy.split(/\r?\n\r?\n/, 1)[0] ?? '';
    return [...header.matchAll(COPY_RECIPIENTS)].flatMap((match) => addressesIn(match[1] ?? ''));
  });
}

/**
 * The failed addresses: from X-Failed-Recipients, else those the notice names minus the ones that
 * cannot be failed recipients, else the recipients of the returned copy.
 */
export function legacyFailedAddresses(message: ParsedMessage, exclude: ReadonlySet<string>): string[] {
  // Exim and Gmail name the failed addresses in a header: exact, whatever the text says.
  const declared = (message.headers['x-failed-recipients'] ?? []).flatMap(addressesIn);
  if (declared.length > 0) return [...new Set(declared)];
  // A postmaster can be the failed recipient; a mailer daemon never is. Long hex local parts are
  // message or queue ids that look like addresses.
  const usable = (address: string): boolean =>
    !exclude.has(address) && !DAEMON_LOCAL_PARTS.test(address.split('@')[0] ?? '') && !/^[0-9a-f.]{16,}@/i.test(address);
  const notice = noticeText(message);
  // A transcript that names the refused RCPT TO says exactly who failed.
  const refused = [...notice.matchAll(/RCPT TO\s*:\s*<?([^\s<>]+@[^\s<>]+)>?/gi)].flatMap((match) => addressesIn(match[1] ?? ''));
  // Addresses after "did not reach the following recipient(s):" and the like, when the text says so.
  const intro = notice.search(FAILED_LIST_INTRO);
  const listed = intro < 0 ? [] : addressesIn(notice.slice(intro)).filter(usable);
  const named = refused.length > 0 ? refused.filter(usable) : listed.length > 0 ? listed : addressesIn(notice).filter(usable);
  return [...new Set(named.length > 0 ? named : returnedCopyRecipients(message).filter(usable))];
}
