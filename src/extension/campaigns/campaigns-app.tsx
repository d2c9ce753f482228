// The campaigns page (opened from the popup and the options page): the rep's campaigns and their
// team's, a new one, and for the one chosen its step editor and the rep's enrolments in it. Talks
// to the background only, through GlintActions (faked in tests).
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { Campaign, CampaignDetail, CampaignInput } from '../../shared/campaign-api.ts';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import { t } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import { CampaignEditor } from './campaign-editor.tsx';
import { draftOf, emptyDraft } from './campaign-form.ts';
import { EnrolmentList } from './enrolment-list.tsx';

export interface CampaignsAppProps {
  actions: GlintActions;
  /** The rep's time zone, the default window's for a new campaign. */
  timeZone: string;
}

/** `created`: the campaign was just created from the new-campaign form. */
type Chosen = { kind: 'none' } | { kind: 'new' } | { kind: 'campaign'; detail: CampaignDetail; created?: boolean };

export function CampaignsApp({ actions, timeZone }: CampaignsAppProps): ReactElement {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [chosen, setChosen] = useState<Chosen>({ kind: 'none' });
  const [error, setError] = useState<string | null>(null);
  // Each read of a campaign starts its forms afresh (a click on it again shows the server's state).
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    actions('auth.status', {})
      .then(setStatus)
      .catch((failure: unknown) => setError(errorText(failure)));
  }, [actions]);
  useEffect(() => {
    if (!status?.signedIn) return;
    actions('campaigns.list', {})
      .then(({ campaigns: list }) => setCampaigns(list))
      .catch((failure: unknown) => setError(errorText(failure)));
  }, [actions, status]);

  const open = useCallback(
    (campaignId: string): void => {
      setError(null);
      actions('campaigns.get', { campaignId })
        .then((detail) => {
          setLoads((count) => count + 1);
          setChosen({ kind: 'campaign', detail });
        })
        .catch((failure: unknown) => setError(errorText(failure)));
    },
    [actions],
  );

  async function create(input: CampaignInput): Promise<void> {
    const created = await actions('campaigns.create', { campaign: input });
    setCampaigns((current) => [created, ...(current ?? [])]);
    setChosen({ kind: 'campaign', detail: { campaign: created, enrolments: [] }, created: true });
  }

  async function update(campaignId: string, input: CampaignInput): Promise<void> {
    const saved = await actions('campaigns.update', { campaignId, campaign: input });
    setCampaigns((current) => (current ?? []).map((campaign) => (campaign.id === saved.id ? saved : campaign)));
  }

  return (
    <main className="page">
      <h1>{t('campaigns_title')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && !status.signedIn && (
        <p className="notice">
          {t('campaigns_signedOut')} <a href="../options/index.html">{t('campaigns_openOptions')}</a>
        </p>
      )}
      {status?.signedIn && (
        <div className="layout">
          <nav aria-label={t('campaigns_list')}>
            <button type="button" className="primary" onClick={() => setChosen({ kind: 'new' })}>
              {t('campaigns_new')}
            </button>
            {campaigns?.length === 0 && <p className="hint">{t('campaigns_none')}</p>}
            <ul className="campaign-list">
              {campaigns?.map((campaign) => (
                <li key={campaign.id}>
                  <button
                    type="button"
                    aria-current={chosen.kind === 'campaign' && chosen.detail.campaign.id === campaign.id}
                    onClick={() => open(campaign.id)}
                  >
                    <bdi>{campaign.name}</bdi>
                    <span className="hint">{t('campaigns_stepCount', String(campaign.steps.length))}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="layout__detail">
            {chosen.kind === 'new' && <CampaignEditor key="new" initial={emptyDraft(timeZone)} editable save={create} />}
            {chosen.kind === 'campaign' && (
              <>
                <CampaignEditor
                  key={`${chosen.detail.campaign.id}:${loads}`}
                  initial={draftOf(chosen.detail.campaign)}
                  editable={chosen.detail.campaign.ownerUserId === status.user?.id}
                  save={(input) => update(chosen.detail.campaign.id, input)}
                  justSaved={chosen.created === true}
                />
                <EnrolmentList
                  key={`enrolments:${chosen.detail.campaign.id}:${loads}`}
                  enrolments={chosen.detail.enrolments}
                  actions={actions}
                />
              </>
            )}
          </div>
        </div>
      )}
    </main>
  );
}
