// `Test` of an endpoint: one signed request sent now (not through the outbox), so whoever set the
// receiver up sees at once whether it answers and checks the signature. Its body's type is
// `webhook.test` and its id starts with `test_`: a receiver can tell it from real events.
import { randomBytes } from 'node:crypto';
import type { WebhookTestResult } from '../../shared/webhook-api.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { WebhookRecord } from '../store/store.ts';
import { EndpointSecrets } from './endpoint-secrets.ts';
import { sendWebhook } from './webhook-sender.ts';

export async function sendTestDelivery(webhook: WebhookRecord, box: SecretBox, timeoutMs: number): Promise<WebhookTestResult> {
  const now = new Date();
  const id = `test_${randomBytes(12).toString('base64url')}`;
  const body = JSON.stringify({ id, type: 'webhook.test', createdAt: now.toISOString(), data: { webhookId: webhook.id } });
  const secrets = new EndpointSecrets(box).signingSecrets(webhook, now);
  const result = await sendWebhook({ url: webhook.url, secrets, messageId: id, body, timeoutMs });
  return result.ok
    ? { ok: true, status: result.status, error: null, durationMs: result.durationMs }
    : { ok: false, status: result.status, error: result.error, durationMs: result.durationMs };
}
