// The Team networks section: the networks the rep's team allow-listed on the server (a company VPN
// that exits on a cloud), whose hits are judged on other signals than the network. Lists them with
// who added each, adds (team-network-form.tsx) and removes; the server's refusals are shown in its
// words. Signed out, it only says to sign in.
import { useEffect, useState, type ReactElement } from 'react';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import type { TeamNetworksResponse, TeamNetworkView } from '../../shared/team-networks-api.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import { TeamNetworkForm } from './team-network-form.tsx';

export interface TeamNetworksSectionProps {
  status: AuthStatus;
  actions: GlintActions;
}

export function TeamNetworksSection({ status, actions }: TeamNetworksSectionProps): ReactElement {
  return (
    <section aria-labelledby="team-networks-heading">
      <h2 id="team-networks-heading">{t('options_teamNetworks_heading')}</h2>
      <p className="hint">{t('options_teamNetworks_hint')}</p>
      {status.signedIn ? <TeamNetworks actions={actions} /> : <p className="notice">{t('options_teamNetworks_signedOut')}</p>}
    </section>
  );
}

function TeamNetworks({ actions }: { actions: GlintActions }): ReactElement {
  const [list, setList] = useState<TeamNetworksResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    actions('teamNetworks.list', {})
      .then((answer) => live && setList(answer))
      .catch((failure: unknown) => live && setError(errorText(failure)));
    return () => {
      live = false;
    };
  }, [actions]);

  async function remove(cidr: string): Promise<void> {
    setDone(null);
    setError(null);
    try {
      await actions('teamNetworks.remove', { cidr });
      setList((current) => current && { ...current, networks: current.networks.filter((network) => network.cidr !== cidr) });
      setDone(t('options_teamNetworks_removed', cidr));
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  function added(network: TeamNetworkView): void {
    setList((current) => current && { ...current, networks: [...current.networks, network] });
    setDone(t('options_teamNetworks_added', network.cidr));
  }

  return (
    <>
      {list && <NetworkTable list={list} onRemove={(cidr) => void remove(cidr)} />}
      {done && (
        <p role="status" data-testid="team-networks-done">
          {done}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {list && (
        <TeamNetworkForm
          actions={actions}
          onAdded={added}
          onStart={() => {
            setDone(null);
            setError(null);
          }}
        />
      )}
    </>
  );
}

function NetworkTable({ list, onRemove }: { list: TeamNetworksResponse; onRemove(cidr: string): void }): ReactElement {
  if (list.networks.length === 0) return <p className="hint">{t('options_teamNetworks_none')}</p>;
  const date = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' });
  return (
    <>
      <table className="team-networks" data-testid="team-networks">
        <thead>
          <tr>
            <th scope="col">{t('options_teamNetworks_columnNetwork')}</th>
            <th scope="col">{t('options_teamNetworks_columnLabel')}</th>
            <th scope="col">{t('options_teamNetworks_columnAdded')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {list.networks.map((network) => (
            <tr key={network.cidr}>
              <td className="team-networks__cidr">{network.cidr}</td>
              <td>{network.label ?? ''}</td>
              <td>{t('options_teamNetworks_addedBy', [network.addedBy, date.format(new Date(network.addedAt))])}</td>
              <td>
                <button
                  type="button"
                  aria-label={t('options_teamNetworks_removeNamed', network.cidr)}
                  onClick={() => onRemove(network.cidr)}
                >
                  {t('options_teamNetworks_remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('options_teamNetworks_count', [String(list.networks.length), String(list.limit)])}</p>
    </>
  );
}
