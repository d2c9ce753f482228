// Failures in the rep's words. The plan refusal keeps the server's own sentence (which plan,
// who to ask): the picker shows it under a translated heading; other refusals of a request (a
// file that is not a document, too large) show the server's sentence as it is.
import { MessageError } from '../../../shared/messages.ts';
import { ApiError } from '../../data/api-error.ts';
import { t, type MessageKey } from '../../data/i18n.ts';

// The server's stable codes for a file it cannot show, each worded in the rep's language.
const REFUSAL_MESSAGES: Readonly<Record<string, MessageKey>> = {
  password_protected_pdf: 'compose_picker_refused_password_protected_pdf',
  password_protected_word: 'compose_picker_refused_password_protected_word',
  password_protected_powerpoint: 'compose_picker_refused_password_protected_powerpoint',
  password_protected_office: 'compose_picker_refused_password_protected_office',
  old_word_format: 'compose_picker_refused_old_word_format',
  old_powerpoint_format: 'compose_picker_refused_old_powerpoint_format',
  pdf_no_pages: 'compose_picker_refused_pdf_no_pages',
  pdf_page_count_absurd: 'compose_picker_refused_pdf_page_count_absurd',
  pdf_truncated: 'compose_picker_refused_pdf_truncated',
  unreadable_pdf: 'compose_picker_refused_unreadable_pdf',
};

export type PickerProblem = { kind: 'plan'; message: string } | { kind: 'signed-out' } | { kind: 'other'; message: string };

export function problemOf(error: unknown): PickerProblem {
  const refusal = error instanceof ApiError && error.serverCode !== null ? REFUSAL_MESSAGES[error.serverCode] : undefined;
  if (refusal) return { kind: 'other', message: t(refusal) };
  if (error instanceof MessageError) {
    if (error.code === 'plan-required') return { kind: 'plan', message: error.message };
    if (error.code === 'signed-out') return { kind: 'signed-out' };
    if (error.code === 'server-error') return { kind: 'other', message: t('error_serverError') };
    if (error.code === 'server-unreachable') return { kind: 'other', message: t('compose_picker_unreachable') };
    // A 4xx refusal (wrong file type, too large): the server's sentence says what to do.
    if (error.code === 'invalid-request') return { kind: 'other', message: error.message };
  }
  return { kind: 'other', message: t('error_generic', error instanceof Error ? error.message : String(error)) };
}

/** One line for a failed upload or link. */
export function problemText(problem: PickerProblem): string {
  if (problem.kind === 'signed-out') return t('compose_picker_signedOut');
  return problem.message;
}
