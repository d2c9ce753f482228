// Emails that went out untracked because something failed at send (Glint fails open: the mail
// leaves unchanged). Newest first, when, subject, what happened in words; a Clear button.
// Subjects and details are whatever the rep typed or a server said: React renders them as text.
import { useState, type ReactElement } from 'react';
import type { SendFailure } from '../data/send-failures.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { failureReasonText, failureSubject, formatFailureTime, newestFirst } from './failure-words.ts';
import { useSendFailures } from './use-send-failures.ts';

export interface SendFailuresViewProps {
  failures: readonly SendFailure[];
  language: string;
  /** Why clearing failed, if it did. */
  error?: string | null;
  onClear(): void;
}

function FailureItem({ failure, language }: { failure: SendFailure; language: string }): ReactElement {
  const subject = failureSubject(failure);
  return (
    <li>
      <div className="failure__head">
        <time dateTime={failure.at}>{formatFailureTime(failure.at, language)}</time>
        {subject !== null && <strong className="failure__subject">{subject}</strong>}
      </div>
      <p className="failure__reason">
        {failureReasonText(failure.reason)} {t('options_failures_sentUntracked')}
      </p>
      {failure.detail.trim() !== '' && <p className="hint failure__detail">{t('options_failures_detail', failure.detail)}</p>}
    </li>
  );
}

export function SendFailuresView({ failures, language, error = null, onClear }: SendFailuresViewProps): ReactElement {
  return (
    <section aria-labelledby="failures-heading">
      <h2 id="failures-heading">{t('options_failures_heading')}</h2>
      <p className="hint">{t('options_failures_hint')}</p>
      {failures.length === 0 ? (
        <p className="failures-empty">{t('options_failures_empty')}</p>
      ) : (
        <>
          <ul className="failures" aria-labelledby="failures-heading">
            {newestFirst(failures).map((failure, index) => (
              <FailureItem key={`${failure.at}-${index}`} failure={failure} language={language} />
            ))}
          </ul>
          <button type="button" onClick={onClear}>
            {t('options_failures_clear')}
          </button>
        </>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}

export function SendFailuresSection(): ReactElement | null {
  const { failures, clear } = useSendFailures();
  const [error, setError] = useState<string | null>(null);
  if (failures === null) return null;
  const onClear = (): void => {
    setError(null);
    clear().catch((failure: unknown) => setError(t('error_generic', failure instanceof Error ? failure.message : String(failure))));
  };
  return <SendFailuresView failures={failures} language={uiLanguage()} error={error} onClear={onClear} />;
}
