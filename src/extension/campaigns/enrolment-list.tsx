// A campaign's enrolments (the rep's own): recipient, state, the next step and when, why it is
// blocked or stopped, and the pause / resume / stop buttons that apply to its state.
import { useState, type ReactElement } from 'react';
import type { Enrolment, EnrolmentAction } from '../../shared/campaign-api.ts';
import type { GlintActions } from '../../shared/messages.ts';
import { t } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import { ACTION_KEYS, actionsFor, nextWords, stateWords, stopWords } from './enrolment-words.ts';

export interface EnrolmentListProps {
  enrolments: Enrolment[];
  actions: GlintActions;
}

export function EnrolmentList({ enrolments: initial, actions }: EnrolmentListProps): ReactElement {
  const [enrolments, setEnrolments] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(enrolment: Enrolment, action: EnrolmentAction): Promise<void> {
    setBusy(enrolment.id);
    setError(null);
    try {
      const moved = await actions('campaigns.enrolmentAction', { enrolmentId: enrolment.id, action });
      setEnrolments((current) => current.map((row) => (row.id === moved.id ? moved : row)));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="enrolments" aria-labelledby="enrolments-heading">
      <h2 id="enrolments-heading">{t('campaigns_enrolments')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {enrolments.length === 0 ? (
        <p className="hint">{t('campaigns_enrolments_none')}</p>
      ) : (
        <ul className="enrolments__list">
          {enrolments.map((enrolment) => {
            const next = nextWords(enrolment);
            return (
              <li key={enrolment.id} className="enrolment" aria-label={enrolment.recipient}>
                <bdi className="enrolment__recipient">{enrolment.recipient}</bdi>
                <span className={`enrolment__state enrolment__state--${enrolment.state}`}>{stateWords(enrolment)}</span>
                {next && <span className="enrolment__next">{next}</span>}
                {enrolment.stopReason && enrolment.state === 'stopped' && (
                  <span className="enrolment__why">{stopWords(enrolment.stopReason)}</span>
                )}
                {enrolment.blockedReason && <span className="enrolment__blocked">{enrolment.blockedReason}</span>}
                <span className="enrolment__actions">
                  {actionsFor(enrolment).map((action) => (
                    <button key={action} type="button" disabled={busy === enrolment.id} onClick={() => void act(enrolment, action)}>
                      {t(ACTION_KEYS[action])}
                    </button>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
