// The rep's mailbox as the server has it, kept fresh while the options page is open: every few
// seconds while the page is visible and whenever it gets the focus, one request at a time, so the
// watcher's state (set by the server) follows without a reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailboxView } from '../../shared/mailbox-api.ts';
import type { GlintActions } from '../../shared/messages.ts';
import { errorText } from '../ui/error-text.ts';

const MAILBOX_REFRESH_MS = 5000;

export interface MailboxState {
  /** undefined until the first answer; null when no mailbox is connected. */
  mailbox: MailboxView | null | undefined;
  /** Why the last refresh failed, in the rep's words; null once one works. */
  loadError: string | null;
  /** The server's answer to a save or a disconnect, shown at once. */
  setMailbox(mailbox: MailboxView | null): void;
  refresh(): void;
}

export function useMailbox(actions: GlintActions): MailboxState {
  const [mailbox, setMailbox] = useState<MailboxView | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const live = useRef(true);

  const refresh = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    actions('mailbox.get', {})
      .then((answer) => {
        if (!live.current) return;
        setMailbox(answer.mailbox);
        setLoadError(null);
      })
      .catch((failure: unknown) => live.current && setLoadError(errorText(failure)))
      .finally(() => {
        inFlight.current = false;
      });
  }, [actions]);

  useEffect(() => {
    live.current = true;
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, MAILBOX_REFRESH_MS);
    window.addEventListener('focus', refresh);
    return () => {
      live.current = false;
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);

  return { mailbox, loadError, setMailbox, refresh };
}
