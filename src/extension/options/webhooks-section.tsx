// The Webhooks section: the team's webhooks on the server (any member manages them), a form to
// add one (the server checks the URL and answers in a sentence), and the new secret shown once.
// Signed out, it only says to sign in.
import { useCallback, useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import { WEBHOOK_KINDS, type WebhookView } from '../../shared/webhook-api.ts';
import { t } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import { WebhookRow } from './webhook-row.tsx';

type Kind = (typeof WEBHOOK_KINDS)[number];

export interface WebhooksSectionProps {
  status: AuthStatus;
  actions: GlintActions;
  /** window.confirm, or a stand-in in tests. */
  confirm?(question: string): boolean;
}

export function WebhooksSection({ status, actions, confirm = (question) => window.confirm(question) }: WebhooksSectionProps): ReactElement {
  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{t('options_webhooks_heading')}</h2>
      <p className="hint">{t('options_webhooks_hint')}</p>
      {status.signedIn ? <TeamWebhooks actions={actions} confirm={confirm} /> : <p className="notice">{t('options_webhooks_signedOut')}</p>}
    </section>
  );
}

function TeamWebhooks({ actions, confirm }: { actions: GlintActions; confirm(question: string): boolean }): ReactElement {
  const [webhooks, setWebhooks] = useState<WebhookView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [kinds, setKinds] = useState<Kind[]>(['open', 'click', 'reply']);

  const refresh = useCallback(() => {
    actions('webhooks.list', {})
      .then((answer) => {
        setWebhooks(answer.webhooks);
        setError(null);
      })
      .catch((failure: unknown) => setError(errorText(failure)));
  }, [actions]);
  useEffect(refresh, [refresh]);

  async function add(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSecret(null);
    try {
      const added = await actions('webhooks.add', { url: url.trim(), kinds, description: description.trim() });
      setSecret(added.secret);
      setUrl('');
      setDescription('');
      setError(null);
      refresh();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  const toggle = (kind: Kind): void =>
    setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));

  return (
    <>
      {webhooks &&
        (webhooks.length === 0 ? (
          <p className="hint">{t('options_webhooks_none')}</p>
        ) : (
          <ul className="webhooks" aria-label={t('options_webhooks_heading')}>
            {webhooks.map((webhook) => (
              <WebhookRow
                key={`${webhook.id}:${webhook.state}`}
                webhook={webhook}
                actions={actions}
                confirm={confirm}
                onChanged={refresh}
              />
            ))}
          </ul>
        ))}
      {secret && (
        <p role="status" data-testid="webhook-secret">
          {t('options_webhooks_added')} <code>{secret}</code>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={(event) => void add(event)} className="webhook-form">
        <label>
          {t('options_webhooks_url')}
          <input type="url" value={url} required placeholder="https://" onChange={(event) => setUrl(event.target.value)} />
        </label>
        <label>
          {t('options_webhooks_description')}
          <input type="text" value={description} maxLength={200} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <fieldset>
          <legend>{t('options_webhooks_kinds')}</legend>
          {WEBHOOK_KINDS.map((kind) => (
            <label key={kind} className="switch">
              <input type="checkbox" checked={kinds.includes(kind)} onChange={() => toggle(kind)} />
              {t(`popup_kind_${kind}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={url.trim() === '' || kinds.length === 0}>
          {t('options_webhooks_add')}
        </button>
      </form>
    </>
  );
}
