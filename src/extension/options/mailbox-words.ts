// The watcher's state in the rep's words: watching, paused and why, connecting (and why, when
// the server says), and when the last reply was seen.
import type { MailboxView } from '../../shared/mailbox-api.ts';
import { t } from '../data/i18n.ts';

export interface WatcherLine {
  tone: 'watching' | 'paused' | 'waiting';
  text: string;
}

export function watcherLine(watcher: MailboxView['watcher']): WatcherLine {
  const reason = watcher.pausedReason?.trim() || null;
  switch (watcher.status) {
    case 'watching':
      return { tone: 'watching', text: t('options_mailbox_watching') };
    case 'paused':
      return { tone: 'paused', text: reason ? t('options_mailbox_paused', reason) : t('options_mailbox_pausedNoReason') };
    case 'waiting':
      return { tone: 'waiting', text: reason ? t('options_mailbox_connectingBecause', reason) : t('options_mailbox_connecting') };
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "5 minutes ago" within a day, else the local date and time. */
export function whenWords(iso: string, now: Date, language: string): string {
  const at = new Date(iso);
  const ago = now.getTime() - at.getTime();
  if (Number.isNaN(ago)) return iso;
  if (ago < 0 || ago >= DAY_MS) return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (ago < MINUTE_MS) return relative.format(0, 'second');
  if (ago < HOUR_MS) return relative.format(-Math.floor(ago / MINUTE_MS), 'minute');
  return relative.format(-Math.floor(ago / HOUR_MS), 'hour');
}

export function lastReplyWords(lastReplyAt: string | null, now: Date, language: string): string {
  return lastReplyAt ? t('options_mailbox_lastReply', whenWords(lastReplyAt, now, language)) : t('options_mailbox_noReply');
}
