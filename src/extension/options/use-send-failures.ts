// The emails that went out untracked (chrome.storage.local, written by the background when a
// send fails), kept current while the options page is open so a failure in a Gmail tab shows up
// without a reload. Clearing removes the whole list.
import { useCallback, useEffect, useState } from 'react';
import { SEND_FAILURES_KEY, clearSendFailures, readSendFailures, type SendFailure } from '../data/send-failures.ts';
import { chromeArea } from '../data/storage.ts';

export interface SendFailuresState {
  /** null until the first read. */
  failures: SendFailure[] | null;
  clear(): Promise<void>;
}

export function useSendFailures(): SendFailuresState {
  const [failures, setFailures] = useState<SendFailure[] | null>(null);

  useEffect(() => {
    let live = true;
    const area = chromeArea(chrome.storage.local);
    const reload = (): void =>
      void readSendFailures(area).then((list) => {
        if (live) setFailures(list);
      });
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, areaName: string): void => {
      if (areaName === 'local' && SEND_FAILURES_KEY in changes) reload();
    };
    chrome.storage.onChanged.addListener(onChanged);
    reload();
    return () => {
      live = false;
      chrome.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  const clear = useCallback(async (): Promise<void> => {
    const area = chromeArea(chrome.storage.local);
    await clearSendFailures(area);
    // Read back rather than assume empty: a failure recorded meanwhile stays on the list.
    setFailures(await readSendFailures(area));
  }, []);

  return { failures, clear };
}
