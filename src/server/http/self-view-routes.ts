// POST /api/v1/self-views: the rep opened their own sent message in Gmail, from this device. The
// classifier uses it to neutralise the proxy fetch of the pixel that follows (or, racing, came
// just before: ingest/self-view-relabel.ts).
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { relabelSelfViewedOpens } from '../ingest/self-view-relabel.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { deviceHeaderSchema, okSchema, selfViewRequestSchema } from './schemas.ts';

export const registerSelfViewRoutes: RouteModule = (app, context) => {
  app.post(
    '/api/v1/self-views',
    {
      schema: {
        tags: ['tracking'],
        headers: deviceHeaderSchema,
        body: selfViewRequestSchema,
        response: { 200: okSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const view = { userId: user.id, deviceId: request.headers['x-glint-device'], at: new Date() };
      await context.store.addSelfView(request.body.token, view);
      // The proxy fetch of this very view may have come first: relabelled before answering.
      await relabelSelfViewedOpens(context, request.body.token, view);
      return { ok: true as const };
    },
  );
};
