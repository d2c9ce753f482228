// The rep's settings from chrome.storage.sync, kept current when another page (or another
// machine, through Chrome sync) changes them. Changes apply at once on screen and are written
// in order, each on top of the previous one, so quick successive switches never undo each other.
// A write that fails puts the stored settings back on screen and rejects, for the section to say why.
import { useCallback, useEffect, useRef, useState } from 'react';
import { SETTINGS_KEY, readSettings, writeSettings, type Settings } from '../data/settings.ts';

export type SettingsChange = (current: Settings) => Settings;

export interface SettingsState {
  settings: Settings | null;
  update(change: SettingsChange): Promise<void>;
}

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const latest = useRef<Settings | null>(null);
  const writes = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    let live = true;
    const reload = (): void =>
      void readSettings().then((value) => {
        if (!live) return;
        latest.current = value;
        setSettings(value);
      });
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string): void => {
      if (area === 'sync' && SETTINGS_KEY in changes) reload();
    };
    reload();
    chrome.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      chrome.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  const update = useCallback((change: SettingsChange): Promise<void> => {
    if (!latest.current) return Promise.resolve();
    const next = change(latest.current);
    latest.current = next;
    setSettings(next);
    writes.current = writes.current
      .catch(() => undefined)
      .then(() => writeSettings(next))
      .catch(async (error: unknown) => {
        // Not stored (sync quota, a signed-out profile): show what is really saved, then say why.
        const stored = await readSettings();
        latest.current = stored;
        setSettings(stored);
        throw error;
      });
    return writes.current;
  }, []);

  return { settings, update };
}
