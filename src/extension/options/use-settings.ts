// The rep's settings from chrome.storage.sync, kept current when another page (or another
// machine, through Chrome sync) changes them.
import { useCallback, useEffect, useState } from 'react';
import { SETTINGS_KEY, readSettings, writeSettings, type Settings } from '../data/settings.ts';

export interface SettingsState {
  settings: Settings | null;
  save(next: Settings): Promise<void>;
}

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    const reload = (): void => void readSettings().then((value) => live && setSettings(value));
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
  const save = useCallback(async (next: Settings) => {
    await writeSettings(next);
    setSettings(next);
  }, []);
  return { settings, save };
}
