// Tells the rep when reply tracking stops: the mailbox watcher's state is read from the server
// now and then (index.ts: at start and on an alarm; the options page's own reads count too),
// kept for the popup's banner, and a pause raises one desktop notification (mailbox-watch.ts
// says when). Pure: storage, the server read, the notification and the clock are handed in.
import type { MailboxView } from '../../shared/mailbox-api.ts';
import { MessageError } from '../../shared/messages.ts';
import { watchTransition, type MailboxWatch } from '../data/mailbox-watch.ts';
import type { TypedEntry } from '../data/storage.ts';
import type { NotificationSpec, Translate } from './notifications.ts';

export const MAILBOX_PAUSED_NOTIFICATION = 'glint-mailbox-paused';

export interface MailboxWatchCheckDeps {
  entry: TypedEntry<MailboxWatch>;
  /** The mailbox as the server has it, null when none; throws MessageError('signed-out') signed out. */
  readMailbox(): Promise<MailboxView | null>;
  notifyPaused(reason: string | null): Promise<void>;
  now(): Date;
}

export interface MailboxWatchCheck {
  /** Reads the server's state and keeps it; a failed read (offline) keeps what was known. */
  check(): Promise<MailboxWatch | null>;
  /** Keeps a state read elsewhere (the options page's reads, a save; null: disconnected). */
  record(mailbox: MailboxView | null): Promise<MailboxWatch | null>;
}

export function mailboxWatchCheck(deps: MailboxWatchCheckDeps): MailboxWatchCheck {
  // One update at a time: an alarm and a page's read at once must not both notify.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const keep = async (mailbox: MailboxView | null): Promise<MailboxWatch | null> => {
    const { next, notify } = watchTransition(await deps.entry.read(), mailbox?.watcher ?? null, deps.now());
    if (next) await deps.entry.write(next);
    else await deps.entry.clear();
    if (notify) await deps.notifyPaused(next?.pausedReason ?? null);
    return next;
  };

  return {
    record: (mailbox) => serially(() => keep(mailbox)),
    check: () =>
      serially(async () => {
        let mailbox: MailboxView | null;
        try {
          mailbox = await deps.readMailbox();
        } catch (error) {
          if (!(error instanceof MessageError && error.code === 'signed-out')) return deps.entry.read();
          mailbox = null; // signed out: no mailbox of ours to speak of
        }
        return keep(mailbox);
      }),
  };
}

/** The desktop notification of a pause: the server's reason as plain text; clicking opens the options page. */
export function mailboxPausedNotification(reason: string | null, translate: Translate): NotificationSpec {
  return {
    id: MAILBOX_PAUSED_NOTIFICATION,
    title: translate('notification_mailboxPausedTitle'),
    message: reason ?? translate('notification_mailboxPausedNoReason'),
    contextMessage: translate('notification_mailboxPausedOpen'),
  };
}
