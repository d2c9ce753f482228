// POST /api/v1/auth/sign-in: email + password -> a new API token, the user and their signing key.
// POST /api/v1/auth/sign-out: the token of the request is revoked (each sign-in issues its own).
import { signInRequestSchema, signInResponseSchema, errorResponseSchema } from '../../shared/api-schemas.ts';
import { issueApiToken, revokeApiToken } from '../accounts/api-tokens.ts';
import { checkPassword, knownDeviceOf } from '../accounts/sign-in.ts';
import { networkKey } from '../ingest/ip-match.ts';
import type { RouteModule } from './app-types.ts';
import { bearerTokenOf, currentUser } from './auth.ts';
import { HttpError } from './errors.ts';
import { presentUser } from './presenters.ts';
import { deviceIdOf } from './request-facts.ts';
import { okSchema } from './schemas.ts';

export const registerSignInRoutes: RouteModule = (app, { store, keys, signInThrottles, publicUrl }) => {
  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        body: signInRequestSchema,
        response: { 200: signInResponseSchema, 401: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const knownDevice = await knownDeviceOf(store, email, deviceIdOf(request));
      const attempt = { email, network: networkKey(request.ip), knownDevice };
      const blockedMs = signInThrottles.blockedForMs(attempt);
      if (blockedMs > 0) {
        const seconds = Math.ceil(blockedMs / 1000);
        reply.header('Retry-After', String(seconds));
        throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins; try again in ${seconds} s`);
      }
      const user = await checkPassword(store, email, password);
      if (!user) {
        signInThrottles.recordFailure(attempt);
        throw new HttpError(401, 'invalid_credentials', 'The email or the password is wrong');
      }
      signInThrottles.recordSuccess(attempt);
      const [apiToken, signingKey] = await Promise.all([issueApiToken(store, user.id), keys.forUser(user.id)]);
      return { apiToken, user: presentUser(user), signingKey, trackingBaseUrl: publicUrl() };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'Revoke the API token of this request', response: { 200: okSchema, 401: errorResponseSchema } } },
    async (request) => {
      currentUser(request);
      // The auth hook has just resolved this very token, so it is well-formed and known.
      await revokeApiToken(store, bearerTokenOf(request) ?? '');
      return { ok: true as const };
    },
  );
};
