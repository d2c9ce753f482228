// Desktop notifications for new feed events: which events deserve one (human, not a repeat
// open, the rep wants that kind), what it says, and where clicking it leads (the Gmail thread).
// Pure except showNotifications(); the translator is handed in so tests read real catalogues.
import type { FeedEvent } from '../../shared/api-schemas.ts';
import { cleanDisplayText, isolateBidi } from '../../shared/display-text.ts';
import { parseReplyDetails } from '../../shared/event-details.ts';
import type { EventKind } from '../../shared/event-model.ts';
import type { MessageKey } from '../data/i18n.ts';
import type { Settings } from '../data/settings.ts';

export type Translate = (key: MessageKey, substitutions?: string[]) => string;

/** At most this many notifications per burst; the rest are summed up in one. */
export const MAX_NOTIFICATIONS_PER_BATCH = 4;
export const NOTIFICATION_PREFIX = 'glint-event:';
export const MORE_NOTIFICATION_ID = 'glint-more';

const KIND_PREFERENCE: Partial<Record<EventKind, keyof Settings['notifications']>> = {
  open: 'opens',
  click: 'clicks',
  doc_open: 'documents',
  doc_download: 'documents',
  reply: 'replies',
};

const KIND_TITLE: Partial<Record<EventKind, MessageKey>> = {
  open: 'notification_openTitle',
  click: 'notification_clickTitle',
  doc_open: 'notification_documentTitle',
  doc_download: 'notification_downloadTitle',
  reply: 'notification_replyTitle',
};

/** `decideAt`: a click still held for a link sweep is told only once decided (held-decisions.ts). */
export function shouldNotify(event: FeedEvent & { decideAt?: string }, prefs: Settings['notifications']): boolean {
  if (event.label !== 'human' || event.repeat || event.decideAt !== undefined) return false;
  const preference = KIND_PREFERENCE[event.kind];
  return preference !== undefined && prefs[preference];
}

export interface NotificationSpec {
  id: string;
  title: string;
  message: string;
  contextMessage?: string;
}

export function notificationFor(event: FeedEvent, translate: Translate): NotificationSpec | null {
  const titleKey = KIND_TITLE[event.kind];
  if (!titleKey) return null;
  const subject = cleanDisplayText(event.email.subject) || translate('notification_noSubject');
  const recipients = [...event.email.to, ...event.email.cc].slice(0, 3).join(', ');
  const spec: NotificationSpec = {
    id: `${NOTIFICATION_PREFIX}${event.id}`,
    // Isolated: a right-to-left subject cannot reorder the words of the sentence around it.
    title: translate(titleKey, [isolateBidi(truncate(subject, 80))]),
    message: recipients ? translate('notification_toRecipients', [truncate(recipients, 120)]) : '',
  };
  if (event.kind === 'click' && event.url) spec.contextMessage = truncate(event.url, 100);
  const reply = event.kind === 'reply' ? parseReplyDetails(event.details) : null;
  if (reply) {
    // Who answered matters more than who it was sent to; their first words are the context.
    spec.message = translate('notification_replyFrom', [isolateBidi(truncate(cleanDisplayText(reply.fromName ?? '') || reply.from, 120))]);
    if (reply.firstLines !== '') spec.contextMessage = truncate(cleanDisplayText(reply.firstLines), 100);
  }
  return spec;
}

/**
 * Notifications to take back after events were relabelled: an open or click shown as a person's
 * that later evidence calls a machine (a link sweep) or the rep's own view.
 */
export function notificationsToWithdraw(relabelled: readonly FeedEvent[]): string[] {
  return relabelled.filter((event) => event.label !== 'human').map((event) => `${NOTIFICATION_PREFIX}${event.id}`);
}

/** The event id behind a notification id, or null for notifications that are not ours. */
export function eventIdOfNotification(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : null;
}

/**
 * Gmail opened in the rep's account: `authuser` names it by address, so a rep signed in to several
 * Google accounts lands in the right one (the first one when no address is known or none matches).
 */
function gmailBase(account: string | null): string {
  return account ? `https://mail.google.com/mail/?authuser=${encodeURIComponent(account)}` : 'https://mail.google.com/mail/u/0/';
}

/**
 * The Gmail thread of an email, or a Gmail search for its subject when the thread is unknown, in
 * `account` (the rep's address).
 */
export function gmailUrlFor(email: Pick<FeedEvent['email'], 'gmailThreadId' | 'subject'>, account: string | null): string {
  const gmail = gmailBase(account);
  // Thread ids are hex (legacy) or Gmail's own alphanumerics; anything else is not put in a URL.
  if (email.gmailThreadId && /^[A-Za-z0-9]{6,64}$/.test(email.gmailThreadId)) return `${gmail}#inbox/${email.gmailThreadId}`;
  const subject = cleanDisplayText(email.subject).replace(/"/g, '');
  return subject ? `${gmail}#search/${encodeURIComponent(`in:sent subject:"${subject}"`)}` : `${gmail}#sent`;
}

export async function showNotifications(specs: readonly NotificationSpec[], translate: Translate): Promise<void> {
  const shown = specs.slice(0, MAX_NOTIFICATIONS_PER_BATCH);
  const iconUrl = chrome.runtime.getURL('icons/icon-128.png');
  for (const spec of shown) {
    const options: chrome.notifications.NotificationCreateOptions = { type: 'basic', iconUrl, title: spec.title, message: spec.message };
    if (spec.contextMessage) options.contextMessage = spec.contextMessage;
    await chrome.notifications.create(spec.id, options);
  }
  const rest = specs.length - shown.length;
  if (rest > 0) {
    await chrome.notifications.create(MORE_NOTIFICATION_ID, {
      type: 'basic',
      iconUrl,
      title: translate('notification_moreTitle'),
      message: translate('notification_moreMessage', [String(rest)]),
    });
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
