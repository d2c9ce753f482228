// Tracking defaults and notification preferences: switches that save as soon as they change.
import { useState, type ReactElement } from 'react';
import type { Settings } from '../data/settings.ts';
import { t, type MessageKey } from '../data/i18n.ts';
import { saveFailedText } from '../ui/error-text.ts';
import type { SettingsChange } from './use-settings.ts';

interface SectionProps {
  settings: Settings;
  update(change: SettingsChange): Promise<void>;
}

function Switch({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: MessageKey;
  checked: boolean;
  onChange(value: boolean): void;
}): ReactElement {
  return (
    <div className="switch">
      <input id={id} type="checkbox" role="switch" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{t(label)}</label>
    </div>
  );
}

/** Whether the last change was stored, or why not. */
type SaveState = { status: 'idle' | 'saved' } | { status: 'failed'; message: string };

function useSaved(update: SectionProps['update']): [SaveState, (change: SettingsChange) => void] {
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  return [
    state,
    (change) =>
      void update(change).then(
        () => setState({ status: 'saved' }),
        (error: unknown) => setState({ status: 'failed', message: saveFailedText(error) }),
      ),
  ];
}

function SaveStatus({ state }: { state: SaveState }): ReactElement | null {
  if (state.status === 'saved')
    return (
      <p role="status" className="hint">
        {t('options_saved')}
      </p>
    );
  if (state.status === 'failed')
    return (
      <p role="alert" className="error">
        {state.message}
      </p>
    );
  return null;
}

export function TrackingSection({ settings, update }: SectionProps): ReactElement {
  const [saved, change] = useSaved(update);
  const set = (key: keyof Settings['tracking'], value: boolean): void =>
    change((current) => ({ ...current, tracking: { ...current.tracking, [key]: value } }));
  return (
    <section aria-labelledby="tracking-heading">
      <h2 id="tracking-heading">{t('options_trackingHeading')}</h2>
      <p className="hint">{t('options_trackingHint')}</p>
      <Switch id="track-opens" label="options_trackOpens" checked={settings.tracking.opens} onChange={(value) => set('opens', value)} />
      <Switch id="track-clicks" label="options_trackClicks" checked={settings.tracking.clicks} onChange={(value) => set('clicks', value)} />
      <SaveStatus state={saved} />
    </section>
  );
}

const NOTIFY: { key: keyof Settings['notifications']; label: MessageKey }[] = [
  { key: 'opens', label: 'options_notifyOpens' },
  { key: 'clicks', label: 'options_notifyClicks' },
  { key: 'documents', label: 'options_notifyDocuments' },
  { key: 'replies', label: 'options_notifyReplies' },
];

export function NotificationsSection({ settings, update }: SectionProps): ReactElement {
  const [saved, change] = useSaved(update);
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('options_notificationsHeading')}</h2>
      <p className="hint">{t('options_notificationsHint')}</p>
      {NOTIFY.map(({ key, label }) => (
        <Switch
          key={key}
          id={`notify-${key}`}
          label={label}
          checked={settings.notifications[key]}
          onChange={(value) => change((current) => ({ ...current, notifications: { ...current.notifications, [key]: value } }))}
        />
      ))}
      <SaveStatus state={saved} />
    </section>
  );
}
