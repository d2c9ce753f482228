// Sign in (Server URL, Email, Password) or, when signed in, who and where, and Sign out.
// Asks Chrome for the host permission of the server's origin inside the click, because
// chrome.permissions.request needs the user's gesture; the same for the tracking URLs' origin
// when the server puts them on another one (the rep's own clicks there must carry the device).
import { useState, type FormEvent, type ReactElement } from 'react';
import { MessageError, type AuthStatus, type GlintActions } from '../../shared/messages.ts';
import { normaliseServerUrl, originPattern } from '../data/server-url.ts';
import { t, type MessageKey } from '../data/i18n.ts';
import { errorText, originOf } from '../ui/error-text.ts';

export interface AccountSectionProps {
  status: AuthStatus;
  actions: GlintActions;
  onStatus(status: AuthStatus): void;
  requestHostPermission(pattern: string): Promise<boolean>;
}

const SYNC_TEXT: Record<AuthStatus['syncStatus'], MessageKey | null> = {
  ok: 'options_syncOk',
  offline: 'options_syncOffline',
  'server-error': 'options_syncServerError',
  'signed-out': null,
};

/** "Signed in as ann@x (Sales) on https://...", without the team when it is only named after her. */
function signedInAs(user: NonNullable<AuthStatus['user']>, serverUrl: string): string {
  const team = user.teamName.trim();
  if (team === '' || team.toLowerCase() === user.email.toLowerCase()) return t('options_signedInAsNoTeam', [user.email, serverUrl]);
  return t('options_signedInAs', [user.email, team, serverUrl]);
}

export function AccountSection({ status, actions, onStatus, requestHostPermission }: AccountSectionProps): ReactElement {
  const [serverUrl, setServerUrl] = useState(status.serverUrl ?? '');
  const [email, setEmail] = useState(status.user?.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    let normalised: string;
    try {
      normalised = normaliseServerUrl(serverUrl);
    } catch (failure) {
      setError(
        failure instanceof MessageError && failure.code === 'insecure-server-url' ? errorText(failure) : t('error_invalidServerUrl'),
      );
      return;
    }
    // Checked here: the background's own check would answer in zod's English, blamed on the server.
    if (email.trim() === '' || password === '') {
      setError(t('error_missingCredentials'));
      return;
    }
    setBusy(true);
    try {
      const granted = await requestHostPermission(originPattern(normalised)).catch(() => false);
      if (!granted) throw new MessageError('permission-denied', 'host permission refused');
      onStatus(await actions('auth.signIn', { serverUrl: normalised, email, password }));
      setPassword('');
    } catch (failure) {
      setError(errorText(failure, originOf(normalised)));
    } finally {
      setBusy(false);
    }
  }

  async function signOut(): Promise<void> {
    setError(null);
    try {
      onStatus(await actions('auth.signOut', {}));
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  async function allowTrackingOrigin(origin: string): Promise<void> {
    setError(null);
    const granted = await requestHostPermission(originPattern(origin)).catch(() => false);
    if (!granted) {
      setError(t('options_trackingAccessRefused', origin));
      return;
    }
    try {
      // The next sync installs the device header for the newly allowed origin.
      onStatus(await actions('feed.syncNow', {}));
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  if (status.signedIn && status.user) {
    const syncKey = SYNC_TEXT[status.syncStatus];
    const tracking = status.trackingAccess;
    return (
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">{t('options_accountHeading')}</h2>
        <p data-testid="signed-in-as">{signedInAs(status.user, status.serverUrl ?? '')}</p>
        {syncKey && (
          <p className={`sync sync-${status.syncStatus}`} role="status">
            {t(syncKey)}
          </p>
        )}
        {tracking && !tracking.allowed && (
          <div className="notice" role="note">
            <p>{t('options_trackingAccessNeeded', tracking.origin)}</p>
            <button type="button" onClick={() => void allowTrackingOrigin(tracking.origin)}>
              {t('options_trackingAccessAllow')}
            </button>
          </div>
        )}
        <button type="button" onClick={() => void signOut()}>
          {t('options_signOut')}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">{t('options_accountHeading')}</h2>
      <form onSubmit={(event) => void signIn(event)} noValidate>
        <label htmlFor="server-url">{t('options_serverUrl')}</label>
        <input
          id="server-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://glint.example.com"
          required
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          aria-describedby="server-url-hint"
        />
        <p id="server-url-hint" className="hint">
          {t('options_serverUrlHint')}
        </p>
        <label htmlFor="email">{t('options_email')}</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="password">{t('options_password')}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('options_signingIn') : t('options_signIn')}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
