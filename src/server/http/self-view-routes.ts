// POST /api/v1/self-views: the rep opened their own sent message in Gmail, from this device. The
// classifier uses it to neutralise the proxy fetch of the pixel that follows.
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { deviceHeaderSchema, okSchema, selfViewRequestSchema } from './schemas.ts';

export const registerSelfViewRoutes: RouteModule = (app, { store }) => {
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
      await store.addSelfView(request.body.token, {
        userId: user.id,
        deviceId: request.headers['x-glint-device'],
        at: new Date(),
      });
      return { ok: true as const };
    },
  );
};
