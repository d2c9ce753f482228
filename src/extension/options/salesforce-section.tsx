// The Salesforce section: whether the team's Salesforce is connected, paused (and why) or not
// set up on the server; Connect opens Salesforce's sign-in in a tab (the server finishes the
// connection at its callback); what is logged besides replies; the addresses Salesforce does
// not know. Signed out, it only says to sign in. The tokens never reach the extension.
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { SALESFORCE_ENGAGEMENT_KINDS, type SalesforceSkipView, type SalesforceStatus } from '../../shared/salesforce-api.ts';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import { t } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';

type Kind = (typeof SALESFORCE_ENGAGEMENT_KINDS)[number];

export interface SalesforceSectionProps {
  status: AuthStatus;
  actions: GlintActions;
  /** window.confirm and window.open, or stand-ins in tests. */
  confirm?(question: string): boolean;
  openTab?(url: string): void;
}

export function SalesforceSection({
  status,
  actions,
  confirm = (question) => window.confirm(question),
  openTab = (url) => void window.open(url, '_blank', 'noopener'),
}: SalesforceSectionProps): ReactElement {
  return (
    <section aria-labelledby="salesforce-heading">
      <h2 id="salesforce-heading">{t('options_salesforce_heading')}</h2>
      <p className="hint">{t('options_salesforce_hint')}</p>
      {status.signedIn ? (
        <TeamSalesforce actions={actions} confirm={confirm} openTab={openTab} />
      ) : (
        <p className="notice">{t('options_salesforce_signedOut')}</p>
      )}
    </section>
  );
}

interface TeamProps {
  actions: GlintActions;
  confirm(question: string): boolean;
  openTab(url: string): void;
}

function TeamSalesforce({ actions, confirm, openTab }: TeamProps): ReactElement {
  const [state, setState] = useState<SalesforceStatus | null>(null);
  const [skipped, setSkipped] = useState<SalesforceSkipView[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = (failure: unknown): void => setError(errorText(failure));
  const refresh = useCallback(() => {
    actions('salesforce.status', {})
      .then(async (answer) => {
        setState(answer);
        setError(null);
        setSkipped(answer.connection ? (await actions('salesforce.skipped', {})).skipped : []);
      })
      .catch(fail);
  }, [actions]);
  useEffect(refresh, [refresh]);

  const connect = (): void => {
    actions('salesforce.connect', {})
      .then((started) => {
        openTab(started.authorizeUrl);
        setNote(t('options_salesforce_finishInTab'));
      })
      .catch(fail);
  };
  const save = (engagement: Kind[], createLeads: boolean): void => {
    actions('salesforce.settings', { engagement, createLeads })
      .then((answer) => {
        setState(answer);
        setNote(t('options_salesforce_saved'));
      })
      .catch(fail);
  };
  const disconnect = (): void => {
    if (!confirm(t('options_salesforce_confirmDisconnect'))) return;
    actions('salesforce.disconnect', {}).then(refresh).catch(fail);
  };

  const connection = state?.connection ?? null;
  return (
    <>
      {state && !state.configured && !connection && <p className="notice">{t('options_salesforce_notConfigured')}</p>}
      {state?.configured && !connection && <p>{t('options_salesforce_notConnected')}</p>}
      {connection && (
        <div data-testid="salesforce-connection">
          <p>
            {connection.account
              ? t('options_salesforce_connectedAs', [connection.account, connection.instanceUrl])
              : t('options_salesforce_connectedTo', connection.instanceUrl)}
          </p>
          <p className={connection.state === 'active' ? undefined : 'error'} role={connection.state === 'active' ? undefined : 'alert'}>
            {connection.state === 'active' ? t('options_salesforce_active') : t('options_salesforce_paused', connection.stateReason ?? '')}
          </p>
          {connection.pending > 0 && <p className="hint">{t('options_salesforce_pending', String(connection.pending))}</p>}
          <fieldset>
            <legend>{t('options_salesforce_engagement')}</legend>
            {SALESFORCE_ENGAGEMENT_KINDS.map((kind) => (
              <label key={kind} className="switch">
                <input
                  type="checkbox"
                  checked={connection.engagement.includes(kind)}
                  onChange={() =>
                    save(
                      connection.engagement.includes(kind)
                        ? connection.engagement.filter((k) => k !== kind)
                        : [...connection.engagement, kind],
                      connection.createLeads,
                    )
                  }
                />
                {t(`popup_kind_${kind}`)}
              </label>
            ))}
          </fieldset>
          <label className="switch">
            <input type="checkbox" checked={connection.createLeads} onChange={() => save(connection.engagement, !connection.createLeads)} />
            {t('options_salesforce_createLeads')}
          </label>
          <h3>{t('options_salesforce_skipped')}</h3>
          {skipped.length === 0 ? (
            <p className="hint">{t('options_salesforce_noneSkipped')}</p>
          ) : (
            <ul aria-label={t('options_salesforce_skipped')}>
              {skipped.map((skip) => (
                <li key={skip.address}>
                  {skip.address} ({skip.times}×)
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {note && <p role="status">{note}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p>
        {state?.configured && (
          <button type="button" onClick={connect}>
            {connection ? t('options_salesforce_reconnect') : t('options_salesforce_connect')}
          </button>
        )}{' '}
        <button type="button" onClick={refresh}>
          {t('options_salesforce_refresh')}
        </button>{' '}
        {connection && (
          <button type="button" onClick={disconnect}>
            {t('options_salesforce_disconnect')}
          </button>
        )}
      </p>
    </>
  );
}
