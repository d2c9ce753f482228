// GET /healthz: the process is up and serving.
import { z } from 'zod';
import type { RouteModule } from './app-types.ts';

export const registerHealthRoutes: RouteModule = (app) => {
  app.get('/healthz', { schema: { tags: ['meta'], response: { 200: z.object({ ok: z.literal(true) }) } } }, async () => ({
    ok: true as const,
  }));
};
