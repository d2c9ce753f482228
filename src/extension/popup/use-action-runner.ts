// Runs the popup's requests to the background one name at a time and keeps what the rep needs
// to see: which are pending (to disable their buttons) and the last failure, in words.
import { useCallback, useMemo, useState } from 'react';
import { MessageError, type MessageErrorCode } from '../../shared/messages.ts';
import { t, type MessageKey } from '../data/i18n.ts';

const ERROR_KEYS: Partial<Record<MessageErrorCode, MessageKey>> = {
  'server-unreachable': 'popup_error_serverUnreachable',
  'signed-out': 'popup_error_signedOut',
  'server-error': 'popup_error_server',
};

/** The failure in the rep's language when its code is known, else the background's words. */
export function describeFailure(failure: unknown): string {
  const key = failure instanceof MessageError ? ERROR_KEYS[failure.code] : undefined;
  if (key) return t(key);
  return t('popup_actionFailed', failure instanceof Error ? failure.message : String(failure));
}

export interface ActionRunner {
  pending: ReadonlySet<string>;
  error: string | null;
  run: (name: string, action: () => Promise<unknown>) => void;
}

export function useActionRunner(): ActionRunner {
  const [pending, setPending] = useState<ReadonlySet<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((name: string, action: () => Promise<unknown>): void => {
    setPending((current) => new Set(current).add(name));
    setError(null);
    action()
      .catch((failure: unknown) => setError(describeFailure(failure)))
      .finally(() =>
        setPending((current) => {
          const next = new Set(current);
          next.delete(name);
          return next;
        }),
      );
  }, []);
  return useMemo(() => ({ pending, error, run }), [pending, error, run]);
}
