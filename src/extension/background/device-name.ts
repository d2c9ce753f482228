// The default name of this browser in the rep's device list ("Chrome on macOS").
import { t } from '../data/i18n.ts';

const OS_NAMES: Record<string, string> = {
  mac: 'macOS',
  win: 'Windows',
  linux: 'Linux',
  cros: 'ChromeOS',
  android: 'Android',
  openbsd: 'OpenBSD',
  fuchsia: 'Fuchsia',
};

export async function defaultDeviceName(): Promise<string> {
  const info = await chrome.runtime.getPlatformInfo().catch(() => null);
  const os = (info && OS_NAMES[info.os]) ?? t('device_osUnknown');
  return t('device_defaultName', [os]).slice(0, 100);
}
