// POST /api/v1/self-views: the rep opened their own sent message in Gmail, from this device. The
// classifier uses it to neutralise the proxy fetch of the pixel that follows (or, racing, came
// just before: ingest/self-view-relabel.ts).
//
// Only the email's owner may post one. A view may come before the email is registered (the
// extension registers through an outbox that can lag behind the send), so the test is the token's
// binding, not the emails table: a registered email must be the caller's, and an unregistered
// token must carry the proof of the caller's signing key (shared/email-tokens.ts), exactly what
// registration will check. A stranger would have to forge that proof; one who tried could not
// push the owner's views out anyway, as the store keeps each user's views apart.
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { relabelSelfViewedOpens } from '../ingest/self-view-relabel.ts';
import { TokenBuckets } from '../lib/token-buckets.ts';
import type { ServerContext } from '../context.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { requireOwnToken } from './email-token-owner.ts';
import { HttpError } from './errors.ts';
import { deviceHeaderSchema, okSchema, selfViewRequestSchema } from './schemas.ts';

/** A rep opens their sent folder: a burst of own messages, then now and then. */
const SELF_VIEWS_PER_USER = { burst: 30, perMinute: 30 };

async function requireOwnEmail(context: ServerContext, userId: string, token: string): Promise<void> {
  const email = await context.store.getEmail(token);
  if (email?.userId === userId) return;
  if (email) throw new HttpError(403, 'token_not_yours', 'A self view can only be reported for your own email.');
  await requireOwnToken(context, userId, token);
}

export const registerSelfViewRoutes: RouteModule = (app, context) => {
  const buckets = new TokenBuckets(SELF_VIEWS_PER_USER, 10_000);
  app.post(
    '/api/v1/self-views',
    {
      schema: {
        tags: ['tracking'],
        headers: deviceHeaderSchema,
        body: selfViewRequestSchema,
        response: { 200: okSchema, 400: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const waitMs = buckets.take(user.id, Date.now());
      if (waitMs > 0) {
        throw new HttpError(429, 'too_many_self_views', `Too many self views reported; try again in ${Math.ceil(waitMs / 1000)} s.`);
      }
      await requireOwnEmail(context, user.id, request.body.token);
      const view = { userId: user.id, deviceId: request.headers['x-glint-device'], at: new Date() };
      await context.store.addSelfView(request.body.token, view);
      // The proxy fetch of this very view may have come first: relabelled before answering.
      await relabelSelfViewedOpens(context, request.body.token, view);
      return { ok: true as const };
    },
  );
};
