// Failures in the rep's words. The plan refusal keeps the server's own sentence (which plan,
// who to ask): the picker shows it under a translated heading; other refusals of a request (a
// file that is not a document, too large) show the server's sentence as it is.
import { MessageError } from '../../../shared/messages.ts';
import { t } from '../../data/i18n.ts';

export type PickerProblem = { kind: 'plan'; message: string } | { kind: 'signed-out' } | { kind: 'other'; message: string };

export function problemOf(error: unknown): PickerProblem {
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
