// One webhook of the team in the options page: its URL, kinds and state, and what can be done
// with it: send a test, resume it when paused or disabled, remove it, show its recent deliveries.
import { useState, type ReactElement } from 'react';
import type { GlintActions } from '../../shared/messages.ts';
import type { DeliveryView, WebhookView } from '../../shared/webhook-api.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import { deliveryWords, stateWords } from './webhook-words.ts';

export interface WebhookRowProps {
  webhook: WebhookView;
  actions: GlintActions;
  confirm(question: string): boolean;
  /** After a resume or a removal: the list is read again. */
  onChanged(): void;
}

export function WebhookRow({ webhook, actions, confirm, onChanged }: WebhookRowProps): ReactElement {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const state = stateWords(webhook);

  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setResult(null);
    try {
      await work();
    } catch (failure) {
      setResult({ ok: false, text: errorText(failure) });
    } finally {
      setBusy(false);
    }
  }

  const test = (): Promise<void> =>
    run(async () => {
      const answer = await actions('webhooks.test', { id: webhook.id });
      setResult(
        answer.ok
          ? { ok: true, text: t('options_webhooks_testOk', [String(answer.status ?? ''), String(answer.durationMs)]) }
          : { ok: false, text: t('options_webhooks_testFailed', answer.error ?? '') },
      );
    });
  const resume = (): Promise<void> =>
    run(async () => {
      await actions('webhooks.resume', { id: webhook.id });
      onChanged();
    });
  const remove = (): Promise<void> =>
    run(async () => {
      if (!confirm(t('options_webhooks_removeConfirm'))) return;
      await actions('webhooks.remove', { id: webhook.id });
      onChanged();
    });
  const showDeliveries = (): Promise<void> =>
    run(async () => setDeliveries((await actions('webhooks.deliveries', { id: webhook.id })).deliveries));

  return (
    <li className="webhook" data-testid="webhook">
      <p className="webhook__url">{webhook.url}</p>
      <p className="hint">
        {webhook.description && `${webhook.description} · `}
        {webhook.kinds.join(', ')}
      </p>
      <p className={`watcher watcher--${state.tone === 'ok' ? 'watching' : 'paused'}`}>{state.text}</p>
      <div className="inline">
        <button type="button" disabled={busy} onClick={() => void test()}>
          {t('options_webhooks_test')}
        </button>
        {webhook.state !== 'active' && (
          <button type="button" disabled={busy} onClick={() => void resume()}>
            {t('options_webhooks_resume')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void showDeliveries()}>
          {t('options_webhooks_deliveries')}
        </button>
        <button type="button" disabled={busy} onClick={() => void remove()}>
          {t('options_webhooks_remove')}
        </button>
      </div>
      {result && (
        <p className={`test-result test-result--${result.ok ? 'ok' : 'failed'}`} role="status">
          {result.text}
        </p>
      )}
      {deliveries &&
        (deliveries.length === 0 ? (
          <p className="hint">{t('options_webhooks_deliveriesNone')}</p>
        ) : (
          <ul className="webhook__deliveries" aria-label={t('options_webhooks_deliveries')}>
            {deliveries.map((delivery) => (
              <li key={delivery.id}>
                <code>{delivery.eventId}</code> {deliveryWords(delivery, uiLanguage())}
              </li>
            ))}
          </ul>
        ))}
    </li>
  );
}
