// A failure from the background (or Chrome) in the rep's language, naming the server when that
// helps ("Cannot reach https://glint.example.com").
import { MessageError, type MessageErrorCode } from '../../shared/messages.ts';
import { t, type MessageKey } from '../data/i18n.ts';

const WITH_SERVER: Partial<Record<MessageErrorCode, MessageKey>> = {
  'server-unreachable': 'error_serverUnreachable',
  'permission-denied': 'error_permissionDenied',
  'not-a-glint-server': 'error_notAGlintServer',
};

const PLAIN: Partial<Record<MessageErrorCode, MessageKey>> = {
  'wrong-password': 'error_wrongPassword',
  'too-many-attempts': 'error_tooManyAttempts',
  'insecure-server-url': 'error_insecureServerUrl',
  'server-error': 'error_serverError',
  'signed-out': 'error_signedOut',
};

export function errorText(error: unknown, serverOrigin: string | null = null): string {
  if (!(error instanceof MessageError)) return t('error_generic', error instanceof Error ? error.message : String(error));
  const withServer = WITH_SERVER[error.code];
  if (withServer && serverOrigin) return t(withServer, serverOrigin);
  const plain = PLAIN[error.code];
  if (plain) return t(plain);
  if (error.code === 'invalid-request') return t('error_invalidRequest', error.message);
  return t('error_generic', error.message);
}

export function originOf(serverUrl: string): string | null {
  try {
    return new URL(serverUrl).origin;
  } catch {
    return null;
  }
}

/** A setting that could not be stored (chrome.storage.sync's quota, most likely). */
export function saveFailedText(error: unknown): string {
  return t('options_saveFailed', error instanceof Error ? error.message : String(error));
}
