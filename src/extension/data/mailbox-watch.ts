// The server's watcher state of the rep's mailbox as the extension last saw it, kept in
// chrome.storage.local by the background (checked now and then) for the popup's banner, and the
// pure rule of when a pause deserves a desktop notification: once when it becomes paused, not
// again at each check while it stays paused.
import { z } from 'zod';
import { MAILBOX_WATCH_STATUSES, type MailboxView } from '../../shared/mailbox-api.ts';
import { typedEntry, type KeyValueArea, type TypedEntry } from './storage.ts';

export const MAILBOX_WATCH_KEY = 'mailboxWatch';

export const mailboxWatchSchema = z.object({
  status: z.enum(MAILBOX_WATCH_STATUSES),
  pausedReason: z.string().nullable(),
  checkedAt: z.string(),
  /** This pause was told on the desktop already. */
  notified: z.boolean(),
});
export type MailboxWatch = z.infer<typeof mailboxWatchSchema>;

export const mailboxWatchEntry = (area: KeyValueArea): TypedEntry<MailboxWatch> => typedEntry(area, MAILBOX_WATCH_KEY, mailboxWatchSchema);

export interface WatchTransition {
  /** What to keep; null: no mailbox (nothing to show). */
  next: MailboxWatch | null;
  /** Tell the rep on the desktop: the mailbox has just become paused. */
  notify: boolean;
}

/** From what was kept and what the server says now (null: no mailbox) to what to keep and do. */
export function watchTransition(previous: MailboxWatch | null, watcher: MailboxView['watcher'] | null, now: Date): WatchTransition {
  if (!watcher) return { next: null, notify: false };
  const paused = watcher.status === 'paused';
  const alreadyTold = paused && previous?.status === 'paused' && previous.notified;
  return {
    next: { status: watcher.status, pausedReason: watcher.pausedReason, checkedAt: now.toISOString(), notified: paused },
    notify: paused && !alreadyTold,
  };
}
