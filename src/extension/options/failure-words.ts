// What a send failure means for the rep, in their language: one sentence per reason (what
// happened and what to do), newest first.
import type { SendFailure } from '../data/send-failures.ts';
import type { SendFailureReason } from '../../shared/messages.ts';
import { t, type MessageKey } from '../data/i18n.ts';

const REASON_KEYS: Record<SendFailureReason, MessageKey> = {
  'signed-out': 'options_failures_reason_signedOut',
  'no-context': 'options_failures_reason_noContext',
  'instrument-error': 'options_failures_reason_instrumentError',
  'registration-failed': 'options_failures_reason_registrationFailed',
  rejected: 'options_failures_reason_rejected',
  'enrolment-refused': 'options_failures_reason_enrolmentRefused',
};

export function failureReasonText(reason: SendFailureReason): string {
  return t(REASON_KEYS[reason]);
}

/** The subject line to show: the subject, "(no subject)" for an empty one, null when unknown. */
export function failureSubject(failure: SendFailure): string | null {
  if (failure.subject === undefined) return null;
  return failure.subject.trim() === '' ? t('options_failures_noSubject') : failure.subject;
}

/** Newest first, whatever order the list was stored in (an unreadable date sorts last). */
export function newestFirst(failures: readonly SendFailure[]): SendFailure[] {
  const time = (failure: SendFailure): number => {
    const value = Date.parse(failure.at);
    return Number.isNaN(value) ? -Infinity : value;
  };
  return failures
    .map((failure, index) => ({ failure, index, at: time(failure) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map((entry) => entry.failure);
}

export function formatFailureTime(at: string, language: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
