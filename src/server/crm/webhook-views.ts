// Endpoint and delivery records as the API shows them (src/shared/webhook-api.ts): never a
// secret, sealed or not.
import type { DeliveryView, WebhookView } from '../../shared/webhook-api.ts';
import type { DeliveryRecord, WebhookRecord } from '../store/store.ts';

export function presentWebhook(webhook: WebhookRecord, now: Date = new Date()): WebhookView {
  const overlap = webhook.previousSecretUntil && webhook.previousSecretUntil > now ? webhook.previousSecretUntil.toISOString() : null;
  return {
    id: webhook.id,
    url: webhook.url,
    kinds: [...webhook.kinds],
    description: webhook.description,
    state: webhook.state,
    stateReason: webhook.stateReason,
    consecutiveFailures: webhook.consecutiveFailures,
    previousSecretUntil: overlap,
    createdAt: webhook.createdAt.toISOString(),
  };
}

export function presentDelivery(delivery: DeliveryRecord): DeliveryView {
  return {
    id: delivery.id,
    messageId: delivery.messageId,
    type: delivery.type,
    eventId: delivery.eventId,
    emailToken: delivery.emailToken,
    label: delivery.label,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    finishedAt: delivery.finishedAt?.toISOString() ?? null,
  };
}
