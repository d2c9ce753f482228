// The mailbox form: provider, servers, address and app password, with Test connection, Save and
// Disconnect. Every check that matters is the server's: its refusal is shown under the form in
// its own sentence, and the field it names is marked. A stored password is never shown back.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ConnectionTestResult, MailboxView } from '../../shared/mailbox-api.ts';
import { MessageError, type GlintActions } from '../../shared/messages.ts';
import { t, type MessageKey } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import {
  draftOf,
  emptyForm,
  fieldOfServerError,
  formOf,
  needsNewPassword,
  saveDraftOf,
  withProvider,
  PROVIDERS,
  type MailboxField,
  type Provider,
} from './mailbox-form.ts';
import { ServerFields } from './mailbox-server-fields.tsx';

const PROVIDER_WORDS: Record<Provider, MessageKey> = {
  gmail: 'options_mailbox_providerGmail',
  microsoft365: 'options_mailbox_providerMicrosoft365',
  other: 'options_mailbox_providerOther',
};
const ERROR_ID = 'mailbox-error';

export interface MailboxEditorProps {
  stored: MailboxView | null;
  actions: GlintActions;
  /** The server's mailbox after a save (a view) or a disconnect (null). */
  onStored(mailbox: MailboxView | null, done: 'saved' | 'disconnected'): void;
  /** A button was pressed: an earlier "saved" or "disconnected" no longer applies. */
  onStart?(): void;
  confirm(question: string): boolean;
}

export function MailboxEditor({ stored, actions, onStored, onStart, confirm }: MailboxEditorProps): ReactElement {
  const [form, setForm] = useState(() => (stored ? formOf(stored) : emptyForm()));
  const [busy, setBusy] = useState<'test' | 'save' | 'disconnect' | null>(null);
  const [error, setError] = useState<{ text: string; field: MailboxField | null } | null>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);

  /** Runs one button's work; a refusal is shown with the field it names. */
  async function run(kind: 'test' | 'save' | 'disconnect', work: () => Promise<void>): Promise<void> {
    onStart?.();
    setError(null);
    setTest(null);
    setBusy(kind);
    try {
      await work();
    } catch (failure) {
      const field = failure instanceof MessageError && failure.code === 'invalid-request' ? fieldOfServerError(failure.message) : null;
      setError({ text: errorText(failure), field });
    } finally {
      setBusy(null);
    }
  }

  const localError = (key: MessageKey, field: MailboxField): void => {
    onStart?.();
    setTest(null);
    setError({ text: t(key), field });
  };

  function testConnection(): void {
    if (form.password === '' && !stored) return localError('options_mailbox_passwordNeeded', 'password');
    const draft = draftOf(form);
    if (form.password !== '' && !draft.ok) return localError('options_mailbox_portInvalid', draft.field);
    // A typed password tests what the form says; without one, the stored mailbox is tested.
    const settings = form.password !== '' && draft.ok ? draft.settings : undefined;
    void run('test', async () => setTest(await actions('mailbox.test', settings ? { settings } : {})));
  }

  function save(event: FormEvent): void {
    event.preventDefault();
    if (form.password === '' && !stored) return localError('options_mailbox_passwordNeeded', 'password');
    if (stored && needsNewPassword(form, stored)) return localError('options_mailbox_passwordForNewPlace', 'password');
    const draft = draftOf(form);
    if (!draft.ok) return localError('options_mailbox_portInvalid', draft.field);
    // Without a typed password the server keeps the stored one.
    const settings = saveDraftOf(draft.settings);
    void run('save', async () => onStored((await actions('mailbox.save', { settings })).mailbox, 'saved'));
  }

  function disconnect(): void {
    if (!confirm(t('options_mailbox_disconnectConfirm'))) return;
    void run('disconnect', async () => {
      await actions('mailbox.disconnect', {});
      onStored(null, 'disconnected');
    });
  }

  const invalid = error?.field ?? null;
  const marks = (field: MailboxField) => (invalid === field ? { 'aria-invalid': true, 'aria-describedby': ERROR_ID } : {});
  const servers = (['imap', 'smtp'] as const).map((side) => (
    <ServerFields
      key={side}
      side={side}
      value={form[side]}
      onChange={(value) => setForm({ ...form, [side]: value })}
      invalid={invalid}
      errorId={ERROR_ID}
    />
  ));
  return (
    <form onSubmit={save} noValidate>
      <label htmlFor="mailbox-provider">{t('options_mailbox_provider')}</label>
      <select id="mailbox-provider" value={form.provider} onChange={(event) => setForm(withProvider(form, event.target.value as Provider))}>
        {PROVIDERS.map((provider) => (
          <option key={provider} value={provider}>
            {t(PROVIDER_WORDS[provider])}
          </option>
        ))}
      </select>
      {form.provider === 'gmail' && <p className="hint">{t('options_mailbox_gmailHelp')}</p>}
      {form.provider === 'other' ? (
        servers
      ) : (
        <details className="mailbox-advanced">
          <summary>{t('options_mailbox_advanced')}</summary>
          {servers}
        </details>
      )}
      <label htmlFor="mailbox-username">{t('options_mailbox_username')}</label>
      <input
        id="mailbox-username"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={form.username}
        onChange={(event) => setForm({ ...form, username: event.target.value })}
        {...marks('username')}
      />
      <label htmlFor="mailbox-password">{t('options_mailbox_password')}</label>
      <input
        id="mailbox-password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(event) => setForm({ ...form, password: event.target.value })}
        aria-describedby={invalid === 'password' ? ERROR_ID : stored ? 'mailbox-password-stored' : undefined}
        {...(invalid === 'password' ? { 'aria-invalid': true } : {})}
      />
      {stored && (
        <p id="mailbox-password-stored" className="hint">
          {t('options_mailbox_passwordStored')}
        </p>
      )}
      <div className="inline">
        <button type="button" disabled={busy !== null} onClick={testConnection}>
          {busy === 'test' ? t('options_mailbox_testing') : t('options_mailbox_test')}
        </button>
        <button type="submit" disabled={busy !== null}>
          {t('options_save')}
        </button>
        {stored && (
          <button type="button" className="secondary" disabled={busy !== null} onClick={disconnect}>
            {t('options_mailbox_disconnect')}
          </button>
        )}
      </div>
      {test && (
        <p
          className={`test-result test-result--${test.ok ? 'ok' : 'failed'}`}
          role={test.ok ? 'status' : 'alert'}
          data-testid="mailbox-test"
        >
          {t(test.ok ? 'options_mailbox_testOk' : 'options_mailbox_testFailed', test.message)}
        </p>
      )}
      {error && (
        <p id={ERROR_ID} className="error" role="alert">
          {error.text}
        </p>
      )}
    </form>
  );
}
