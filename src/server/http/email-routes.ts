// Sent emails: POST registers one (idempotent by its client-minted token), PATCH adds the ids
// Gmail reveals after sending, GET reads one. A user only ever sees their own emails.
import { emailIdsUpdateSchema, emailRegistrationSchema, errorResponseSchema } from '../../shared/api-schemas.ts';
import { attachOrphans } from '../ingest/attach-orphans.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { requireOwnToken } from './email-token-owner.ts';
import { HttpError } from './errors.ts';
import { presentEmail } from './presenters.ts';
import { emailResponseSchema, emailTokenParamsSchema } from './schemas.ts';

const notFound = (): HttpError => new HttpError(404, 'not_found', 'No such email');

export const registerEmailRoutes: RouteModule = (app, context) => {
  const { store, publicUrl } = context;

  app.post(
    '/api/v1/emails',
    {
      schema: {
        tags: ['emails'],
        body: emailRegistrationSchema,
        response: { 200: emailResponseSchema, 201: emailResponseSchema, 403: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const body = request.body;
      await requireOwnToken(context, user.id, body.token);
      const now = new Date();
      const { outcome, email } = await store.registerEmail({
        token: body.token,
        userId: user.id,
        subject: body.subject,
        to: body.to,
        cc: body.cc,
        bcc: body.bcc,
        sentAt: body.sentAt ? new Date(body.sentAt) : now,
        gmailThreadId: body.gmailThreadId ?? null,
        gmailMessageId: body.gmailMessageId ?? null,
        rfcMessageId: body.rfcMessageId ?? null,
        openTracking: body.openTracking,
        clickTracking: body.clickTracking,
        links: body.links,
        createdAt: now,
      });
      if (outcome === 'conflict' || !email) {
        throw new HttpError(409, 'token_taken', 'This email token belongs to another user; mint a new one');
      }
      // Hits that came before the registration now get an owner (both outcomes: heals retries).
      await attachOrphans(context, email);
      return reply.code(outcome === 'created' ? 201 : 200).send(presentEmail(email, publicUrl()));
    },
  );

  app.patch(
    '/api/v1/emails/:token',
    {
      schema: {
        tags: ['emails'],
        params: emailTokenParamsSchema,
        body: emailIdsUpdateSchema,
        response: { 200: emailResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const email = await store.updateEmailIds(currentUser(request).id, request.params.token, request.body);
      if (!email) throw notFound();
      return presentEmail(email, publicUrl());
    },
  );

  app.get(
    '/api/v1/emails/:token',
    {
      schema: {
        tags: ['emails'],
        params: emailTokenParamsSchema,
        response: { 200: emailResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const email = await store.getEmail(request.params.token);
      // Another user's email answers exactly like a missing one: no probing of tokens.
      if (!email || email.userId !== currentUser(request).id) throw notFound();
      return presentEmail(email, publicUrl());
    },
  );
};
