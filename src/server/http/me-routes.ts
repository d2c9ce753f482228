// GET /api/v1/me: who the token belongs to, with the signing key the CLI and extension sign with.
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { presentUser } from './presenters.ts';
import { meResponseSchema } from './schemas.ts';

export const registerMeRoutes: RouteModule = (app, { keys, publicUrl }) => {
  app.get('/api/v1/me', { schema: { tags: ['auth'], response: { 200: meResponseSchema, 401: errorResponseSchema } } }, async (request) => {
    const user = currentUser(request);
    return { user: presentUser(user), signingKey: await keys.forUser(user.id), trackingBaseUrl: publicUrl() };
  });
};
