// The webhook calls of the CLI, through the shared ApiClient (address, token, error shape).
import {
  deliveryListSchema,
  webhookListSchema,
  webhookTestResultSchema,
  webhookViewSchema,
  webhookWithSecretSchema,
  type DeliveryView,
  type WebhookCreate,
  type WebhookTestResult,
  type WebhookView,
  type WebhookWithSecret,
} from '../../shared/webhook-api.ts';
import { okSchema } from '../http/schemas.ts';
import type { ApiClient } from './api-client.ts';

const path = (id: string, suffix = ''): string => `/api/v1/webhooks/${encodeURIComponent(id)}${suffix}`;

export class WebhookClient {
  private readonly api: ApiClient;

  constructor(api: ApiClient) {
    this.api = api;
  }

  async list(): Promise<WebhookView[]> {
    return (await this.api.request('GET', '/api/v1/webhooks', webhookListSchema)).webhooks;
  }

  add(body: WebhookCreate): Promise<WebhookWithSecret> {
    return this.api.request('POST', '/api/v1/webhooks', webhookWithSecretSchema, body);
  }

  async remove(id: string): Promise<void> {
    await this.api.request('DELETE', path(id), okSchema);
  }

  test(id: string): Promise<WebhookTestResult> {
    return this.api.request('POST', path(id, '/test'), webhookTestResultSchema);
  }

  resume(id: string): Promise<WebhookView> {
    return this.api.request('POST', path(id, '/resume'), webhookViewSchema);
  }

  rotateSecret(id: string): Promise<WebhookWithSecret> {
    return this.api.request('POST', path(id, '/rotate-secret'), webhookWithSecretSchema);
  }

  async deliveries(id: string, limit: number): Promise<DeliveryView[]> {
    return (await this.api.request('GET', path(id, `/deliveries?limit=${limit}`), deliveryListSchema)).deliveries;
  }
}
