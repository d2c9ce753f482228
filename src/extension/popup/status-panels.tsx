// Whole-popup states that tell the rep what to do next: signed out, nothing tracked yet,
// nothing matching the filters.
import type { ReactElement } from 'react';
import { t } from '../data/i18n.ts';

export function SignedOutPanel({ onOpenSettings }: { onOpenSettings: () => void }): ReactElement {
  return (
    <section className="panel" aria-labelledby="signed-out-title">
      <h2 id="signed-out-title" className="panel__title">
        {t('popup_signedOut_title')}
      </h2>
      <p>{t('popup_signedOut_body')}</p>
      <button type="button" className="primary-button" onClick={onOpenSettings}>
        {t('popup_signedOut_action')}
      </button>
    </section>
  );
}

export function EmptyPanel(): ReactElement {
  return (
    <section className="panel" aria-labelledby="empty-title">
      <h2 id="empty-title" className="panel__title">
        {t('popup_empty_title')}
      </h2>
      <ol className="panel__steps">
        <li>{t('popup_empty_step1')}</li>
        <li>{t('popup_empty_step2')}</li>
        <li>{t('popup_empty_step3')}</li>
      </ol>
    </section>
  );
}

export function NoMatchPanel({ onClear }: { onClear: () => void }): ReactElement {
  return (
    <section className="panel">
      <p>{t('popup_noMatch')}</p>
      <button type="button" className="text-button" onClick={onClear}>
        {t('popup_clearFilters')}
      </button>
    </section>
  );
}
