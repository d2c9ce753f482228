// This browser's name (editable) and the account's devices. Views from any of them are the
// rep's own and never reported.
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { DeviceInfo } from '../../shared/api-schemas.ts';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';

export interface DeviceSectionProps {
  status: AuthStatus;
  actions: GlintActions;
  onStatus(status: AuthStatus): void;
}

export function DeviceSection({ status, actions, onStatus }: DeviceSectionProps): ReactElement {
  const [name, setName] = useState(status.deviceName);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);

  useEffect(() => {
    if (!status.signedIn) return;
    let live = true;
    actions('devices.list', {})
      .then((list) => live && setDevices(list.devices))
      .catch((failure: unknown) => live && setError(errorText(failure)));
    return () => {
      live = false;
    };
  }, [actions, status.signedIn, status.deviceName]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(false);
    setError(null);
    try {
      onStatus(await actions('devices.renameThis', { name }));
      setSaved(true);
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="device-heading">
      <h2 id="device-heading">{t('options_deviceHeading')}</h2>
      <form onSubmit={(event) => void save(event)} className="inline">
        <label htmlFor="device-name">{t('options_deviceName')}</label>
        <input
          id="device-name"
          maxLength={100}
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-describedby="device-hint"
        />
        <button type="submit" disabled={name.trim() === ''}>
          {t('options_save')}
        </button>
        {saved && <span role="status">{t('options_saved')}</span>}
      </form>
      <p id="device-hint" className="hint">
        {t('options_deviceNameHint')}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h3>{t('options_devicesHeading')}</h3>
      {!status.signedIn && <p className="hint">{t('options_devicesSignedOut')}</p>}
      {status.signedIn && devices && (
        <ul className="devices" aria-label={t('options_devicesHeading')}>
          {devices.map((device) => (
            <li key={device.deviceId}>
              <strong>{device.name}</strong>
              {device.deviceId === status.deviceId && <span className="chip">{t('options_deviceThis')}</span>}
              <span className="hint">
                {device.lastSeenAt
                  ? t('options_deviceLastSeen', dateFormat.format(new Date(device.lastSeenAt)))
                  : t('options_deviceNeverSeen')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
