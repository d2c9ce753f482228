// Failures in the rep's words. The plan refusal keeps the server's own sentence (which plan,
// who to ask): the picker shows it under a translated heading; the server's refusal codes the
// picker knows are worded in the rep's language; a refusal with a code it does not know yet shows
// the server's sentence (written for a person). No HTTP status or request line is ever shown.
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
  file_too_large: 'compose_picker_refused_file_too_large',
  unsupported_file_type: 'compose_picker_refused_unsupported_file_type',
  upload_aborted: 'compose_picker_refused_upload_aborted',
  invalid_multipart: 'compose_picker_refused_upload_aborted',
  document_failed: 'compose_picker_refused_document_failed',
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
    // Its message names the server and the HTTP status: for the console, not for the rep.
    if (error.code === 'not-a-glint-server') {
      console.warn('Glint picker:', error.message);
      return { kind: 'other', message: t('compose_picker_badAnswer') };
    }
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
