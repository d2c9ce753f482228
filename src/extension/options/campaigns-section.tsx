// The options page's link to the campaigns page (a tab of its own: the step editor needs room).
import type { ReactElement } from 'react';
import { t } from '../data/i18n.ts';

/** The campaigns page, beside the options page in the built extension. */
const CAMPAIGNS_PAGE = '../campaigns/index.html';

export function CampaignsSection(): ReactElement {
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">{t('options_campaigns_heading')}</h2>
      <p className="hint">{t('options_campaigns_hint')}</p>
      <a href={CAMPAIGNS_PAGE} target="_blank" rel="noopener">
        {t('options_campaigns_open')}
      </a>
    </section>
  );
}
