// The words of the Webhooks section that depend on data: an endpoint's state, a delivery's line.
import type { DeliveryView, WebhookView } from '../../shared/webhook-api.ts';
import { t } from '../data/i18n.ts';

export function stateWords(webhook: WebhookView): { text: string; tone: 'ok' | 'paused' } {
  const reason = webhook.stateReason ?? '';
  if (webhook.state === 'paused') return { text: t('options_webhooks_state_paused', reason), tone: 'paused' };
  if (webhook.state === 'disabled') return { text: t('options_webhooks_state_disabled', reason), tone: 'paused' };
  return { text: t('options_webhooks_state_active'), tone: 'ok' };
}

const STATUS_KEYS = {
  pending: 'options_webhooks_status_pending',
  delivered: 'options_webhooks_status_delivered',
  failed: 'options_webhooks_status_failed',
} as const;

export function deliveryWords(delivery: DeliveryView, language: string): string {
  const time = (iso: string): string => new Date(iso).toLocaleTimeString(language);
  const parts = [t(STATUS_KEYS[delivery.status]), t('options_webhooks_attempts', String(delivery.attempts))];
  if (delivery.nextAttemptAt) parts.push(t('options_webhooks_nextAttempt', time(delivery.nextAttemptAt)));
  if (delivery.lastError) parts.push(t('options_webhooks_lastError', delivery.lastError));
  return parts.join(' · ');
}
