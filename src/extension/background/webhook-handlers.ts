// What the service worker does for the options page's Webhooks section: the server's
// /api/v1/webhooks through the stored sign-in. The server checks URLs and kinds and answers in
// sentences; a refusal comes back as MessageError('invalid-request', its sentence).
import { z } from 'zod';
import {
  deliveryListSchema,
  webhookListSchema,
  webhookTestResultSchema,
  webhookViewSchema,
  webhookWithSecretSchema,
} from '../../shared/webhook-api.ts';
import type { MessageHandlers } from './router.ts';
import type { GlintHttp } from './signed-in-http.ts';

export type WebhookMessageName =
  'webhooks.list' | 'webhooks.add' | 'webhooks.test' | 'webhooks.remove' | 'webhooks.resume' | 'webhooks.deliveries';

const PATH = '/api/v1/webhooks';
const one = (id: string, suffix = ''): string => `${PATH}/${encodeURIComponent(id)}${suffix}`;

export function createWebhookHandlers(http: GlintHttp): Pick<MessageHandlers, WebhookMessageName> {
  return {
    'webhooks.list': async () => http.request({ path: PATH, schema: webhookListSchema }),
    'webhooks.add': async (request) => http.request({ method: 'POST', path: PATH, body: request, schema: webhookWithSecretSchema }),
    'webhooks.test': async ({ id }) => http.request({ method: 'POST', path: one(id, '/test'), schema: webhookTestResultSchema }),
    'webhooks.remove': async ({ id }) => {
      await http.request({ method: 'DELETE', path: one(id), schema: z.object({ ok: z.literal(true) }) });
      return { removed: true };
    },
    'webhooks.resume': async ({ id }) => ({
      webhook: await http.request({ method: 'POST', path: one(id, '/resume'), schema: webhookViewSchema }),
    }),
    'webhooks.deliveries': async ({ id }) => http.request({ path: one(id, '/deliveries?limit=20'), schema: deliveryListSchema }),
  };
}
