// The mailbox watcher's state the background keeps (chrome.storage.local), followed while the
// popup is open so a pause found by a check shows without reopening it.
import { useEffect, useState } from 'react';
import { MAILBOX_WATCH_KEY, mailboxWatchEntry, type MailboxWatch } from '../data/mailbox-watch.ts';
import { chromeArea } from '../data/storage.ts';

/** null until read, and while no mailbox is known. */
export function useMailboxWatch(): MailboxWatch | null {
  const [watch, setWatch] = useState<MailboxWatch | null>(null);

  useEffect(() => {
    let live = true;
    const entry = mailboxWatchEntry(chromeArea(chrome.storage.local));
    const reload = (): void =>
      void entry.read().then((state) => {
        if (live) setWatch(state);
      });
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, areaName: string): void => {
      if (areaName === 'local' && MAILBOX_WATCH_KEY in changes) reload();
    };
    chrome.storage.onChanged.addListener(onChanged);
    reload();
    return () => {
      live = false;
      chrome.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return watch;
}
