// The options page: account, this browser and its devices, the mailbox watched for replies, the
// team's own networks and webhooks, a link to the campaigns page, tracking defaults, notifications, privacy, emails sent without tracking. Talks to the
// background through GlintActions (faked in tests), to settings through chrome.storage.sync and
// to the send-failure list through chrome.storage.local.
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import { t } from '../data/i18n.ts';
import { AccountSection } from './account-section.tsx';
import { CampaignsSection } from './campaigns-section.tsx';
import { DeviceSection } from './device-section.tsx';
import { errorText } from '../ui/error-text.ts';
import { SendFailuresSection } from './failures-section.tsx';
import { MailboxSection } from './mailbox-section.tsx';
import { NotificationsSection, TrackingSection } from './preference-sections.tsx';
import { PrivacySection } from './privacy-section.tsx';
import { TeamNetworksSection } from './team-networks-section.tsx';
import { useSettings } from './use-settings.ts';
import { WebhooksSection } from './webhooks-section.tsx';
import { SalesforceSection } from './salesforce-section.tsx';

export interface OptionsAppProps {
  actions: GlintActions;
  requestHostPermission(pattern: string): Promise<boolean>;
}

const STATUS_REFRESH_MS = 5000;

export function OptionsApp({ actions, requestHostPermission }: OptionsAppProps): ReactElement {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { settings, update } = useSettings();

  const refresh = useCallback(() => {
    actions('auth.status', {})
      .then((next) => {
        setStatus(next);
        setError(null);
      })
      .catch((failure: unknown) => setError(errorText(failure)));
  }, [actions]);

  useEffect(() => {
    refresh();
    // The live-feed line follows the background (offline, back online) while the page is open.
    const timer = setInterval(refresh, STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <main>
      <h1>{t('options_title')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <>
          <AccountSection
            key={String(status.signedIn)}
            status={status}
            actions={actions}
            onStatus={setStatus}
            requestHostPermission={requestHostPermission}
          />
          <DeviceSection key={status.deviceId} status={status} actions={actions} onStatus={setStatus} />
          <MailboxSection key={`${String(status.signedIn)}:${status.user?.id ?? ''}`} status={status} actions={actions} />
          <TeamNetworksSection key={`networks:${String(status.signedIn)}:${status.user?.id ?? ''}`} status={status} actions={actions} />
          <WebhooksSection key={`webhooks:${String(status.signedIn)}:${status.user?.id ?? ''}`} status={status} actions={actions} />
          {status.signedIn && <CampaignsSection />}
          <SalesforceSection key={`salesforce:${String(status.signedIn)}:${status.user?.id ?? ''}`} status={status} actions={actions} />
        </>
      )}
      {settings && (
        <>
          <TrackingSection settings={settings} update={update} />
          <NotificationsSection settings={settings} update={update} />
          <PrivacySection settings={settings} update={update} />
        </>
      )}
      <SendFailuresSection />
    </main>
  );
}
