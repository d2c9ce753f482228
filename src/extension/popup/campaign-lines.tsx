// Under an email in the popup: where its follow-ups stand, one line per enrolled recipient (the
// recipient named only when there are several). Text only: names cannot become markup.
import type { ReactElement } from 'react';
import { t } from '../data/i18n.ts';
import type { CampaignState } from './campaign-state.ts';
import { campaignWords } from './campaign-words.ts';

export function CampaignLines({ states }: { states: readonly CampaignState[] }): ReactElement | null {
  if (states.length === 0) return null;
  const named = states.length > 1;
  return (
    <ul className="email__campaigns" aria-label={t('popup_campaign_label')}>
      {states.map((state) => (
        <li key={state.details.enrolmentId} className={`campaign-line campaign-line--${state.kind}`}>
          {named && (
            <>
              <bdi className="campaign-line__recipient">{state.details.recipient}</bdi>
              {' · '}
            </>
          )}
          <bdi>{campaignWords(state)}</bdi>
        </li>
      ))}
    </ul>
  );
}
