// A team's webhooks: list, add (the secret is generated here and shown once, in this answer),
// read, remove, test, resume a paused or disabled one, rotate the secret, and the delivery log.
// Any member of the team manages its webhooks; another team's are never found (404). The URL
// rules and what they protect against are in shared/webhook-url.ts and the README.
import { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { idSchema, mintId } from '../../shared/ids.ts';
import {
  deliveryListSchema,
  webhookCreateSchema,
  webhookListSchema,
  webhookTestResultSchema,
  webhookViewSchema,
  webhookWithSecretSchema,
} from '../../shared/webhook-api.ts';
import { generateWebhookSecret } from '../crm/webhook-signature.ts';
import { sendTestDelivery } from '../crm/webhook-test-send.ts';
import { presentDelivery, presentWebhook } from '../crm/webhook-views.ts';
import { TokenBuckets } from '../lib/token-buckets.ts';
import type { WebhookRecord } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { HttpError } from './errors.ts';
import { okSchema } from './schemas.ts';

/** Endpoints per team: enough for a CRM, an automation tool and a few of one's own. */
export const MAX_WEBHOOKS_PER_TEAM = 20;
const params = z.object({ id: idSchema('webhook') });
const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
/** Test requests leave the server on a member's word: a few in a row, then some per minute. */
const TESTS_PER_TEAM = { burst: 10, perMinute: 20 };
const NOT_FOUND = 'No such webhook in your team (list them with GET /api/v1/webhooks or `glint webhook list`).';

export const registerWebhookRoutes: RouteModule = (app, { store, box, config }) => {
  const tests = new TokenBuckets(TESTS_PER_TEAM, 10_000);
  const found = (webhook: WebhookRecord | null): WebhookRecord => {
    if (!webhook) throw new HttpError(404, 'no_webhook', NOT_FOUND);
    return webhook;
  };

  app.get('/api/v1/webhooks', { schema: { tags: ['webhooks'], response: { 200: webhookListSchema } } }, async (request) => {
    const webhooks = await store.listWebhooks(currentUser(request).teamId);
    return { webhooks: webhooks.map((webhook) => presentWebhook(webhook)) };
  });

  app.post(
    '/api/v1/webhooks',
    { schema: { tags: ['webhooks'], body: webhookCreateSchema, response: { 201: webhookWithSecretSchema, ...errors } } },
    async (request, reply) => {
      const user = currentUser(request);
      if ((await store.listWebhooks(user.teamId)).length >= MAX_WEBHOOKS_PER_TEAM) {
        throw new HttpError(400, 'too_many_webhooks', `A team has at most ${MAX_WEBHOOKS_PER_TEAM} webhooks; remove one first.`);
      }
      const secret = generateWebhookSecret();
      const webhook = await store.createWebhook({
        id: mintId('webhook'),
        teamId: user.teamId,
        url: request.body.url,
        kinds: request.body.kinds,
        description: request.body.description,
        sealedSecret: box.seal(secret),
        createdBy: user.id,
        createdAt: new Date(),
      });
      return reply.code(201).send({ webhook: presentWebhook(webhook), secret });
    },
  );

  app.get(
    '/api/v1/webhooks/:id',
    { schema: { tags: ['webhooks'], params, response: { 200: webhookViewSchema, ...errors } } },
    async (request) => presentWebhook(found(await store.getWebhook(currentUser(request).teamId, request.params.id))),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags: ['webhooks'], params, response: { 200: okSchema, ...errors } } },
    async (request) => {
      if (!(await store.deleteWebhook(currentUser(request).teamId, request.params.id))) throw new HttpError(404, 'no_webhook', NOT_FOUND);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    { schema: { tags: ['webhooks'], params, response: { 200: webhookTestResultSchema, 429: errorResponseSchema, ...errors } } },
    async (request) => {
      const { teamId } = currentUser(request);
      const webhook = found(await store.getWebhook(teamId, request.params.id));
      const waitMs = tests.take(teamId, Date.now());
      if (waitMs > 0) throw new HttpError(429, 'too_many_tests', `Too many test requests; try again in ${Math.ceil(waitMs / 1000)} s.`);
      return sendTestDelivery(webhook, box, config.delivery.timeoutMs);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/resume',
    { schema: { tags: ['webhooks'], params, response: { 200: webhookViewSchema, ...errors } } },
    async (request) => presentWebhook(found(await store.resumeWebhook(currentUser(request).teamId, request.params.id, new Date()))),
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    { schema: { tags: ['webhooks'], params, response: { 200: webhookWithSecretSchema, ...errors } } },
    async (request) => {
      const now = new Date();
      const secret = generateWebhookSecret();
      const until = new Date(now.getTime() + config.delivery.secretOverlapMs);
      const webhook = found(await store.rotateWebhookSecret(currentUser(request).teamId, request.params.id, box.seal(secret), until, now));
      return { webhook: presentWebhook(webhook, now), secret };
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    { schema: { tags: ['webhooks'], params, querystring: deliveriesQuery, response: { 200: deliveryListSchema, ...errors } } },
    async (request) => {
      const teamId = currentUser(request).teamId;
      found(await store.getWebhook(teamId, request.params.id));
      const deliveries = await store.listDeliveries(teamId, request.params.id, request.query.limit);
      return { deliveries: deliveries.map(presentDelivery) };
    },
  );
};
