// GET /healthz: for anyone (nginx, systemd, a load balancer): is this process serving and does
// its store answer? Nothing else, since it is reachable from the internet behind the proxy.
// GET /healthz/details: the operator's view, behind HEALTH_DETAILS_TOKEN: the state of each
// network list the classifier reads (built-in, cached or downloaded, its age, size, URL and last
// refresh error), and how many feed long-polls this instance holds open (each is a connection
// through the proxy in front). Without a token configured the route does not exist (404).
import { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import type { RouteModule } from './app-types.ts';
import { bearerTokenOf } from './auth.ts';
import { sendError } from './errors.ts';
import { healthTokenMatches } from './health-token.ts';
import { storeAnswers } from './store-health.ts';

const networkListHealth = z.object({
  provider: z.string(),
  kind: z.enum(['datacenter', 'human-egress']),
  source: z.enum(['baseline', 'cache', 'download']),
  url: z.string(),
  builtIn: z.string(),
  fetchedAt: z.string().nullable(),
  ageSeconds: z.number().nullable(),
  entries: z.number(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const healthy = z.object({ ok: z.literal(true), store: z.literal('ok') });
const unhealthy = z.object({ ok: z.literal(false), store: z.literal('unavailable') });
const detailsResponse = z.object({
  ok: z.boolean(),
  store: z.enum(['ok', 'unavailable']),
  details: z.object({ networkLists: z.array(networkListHealth), feedWaiters: z.number().int() }),
});

export const registerHealthRoutes: RouteModule = (app, context) => {
  app.get(
    '/healthz',
    { schema: { tags: ['meta'], summary: 'Liveness and store check (public)', response: { 200: healthy, 503: unhealthy } } },
    async (_request, reply) => {
      if (await storeAnswers(context.store)) return { ok: true as const, store: 'ok' as const };
      return reply.code(503).send({ ok: false as const, store: 'unavailable' as const });
    },
  );

  app.get(
    '/healthz/details',
    {
      schema: {
        tags: ['meta'],
        summary: 'Network lists and feed waiters (Authorization: Bearer HEALTH_DETAILS_TOKEN)',
        response: { 200: detailsResponse, 401: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const token = context.config.healthDetailsToken;
      if (token === undefined) return sendError(reply, 404, 'not_found', `No route GET /healthz/details`);
      if (!healthTokenMatches(bearerTokenOf(request), token)) {
        return sendError(reply, 401, 'unauthorized', 'Send Authorization: Bearer <HEALTH_DETAILS_TOKEN> to read the health details');
      }
      const storeOk = await storeAnswers(context.store);
      return {
        ok: storeOk,
        store: storeOk ? ('ok' as const) : ('unavailable' as const),
        details: { networkLists: context.networkLists.health(), feedWaiters: context.hub.waiterCount() },
      };
    },
  );
};
