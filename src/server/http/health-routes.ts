// GET /healthz: the process is up and serving, with details: the state of each network list the
// classifier reads (built-in, cached or downloaded, its age, size and last refresh error), and how
// many feed long-polls this instance holds open (each is a connection through the proxy in front).
import { z } from 'zod';
import type { RouteModule } from './app-types.ts';

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

const healthResponse = z.object({
  ok: z.literal(true),
  details: z.object({ networkLists: z.array(networkListHealth), feedWaiters: z.number().int() }),
});

export const registerHealthRoutes: RouteModule = (app, context) => {
  app.get('/healthz', { schema: { tags: ['meta'], response: { 200: healthResponse } } }, async () => ({
    ok: true as const,
    details: { networkLists: context.networkLists.health(), feedWaiters: context.hub.waiterCount() },
  }));
};
