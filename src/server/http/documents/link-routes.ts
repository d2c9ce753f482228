// Tracked links of a document: one per (email, document), made when the rep adds the document to
// an email; the link may expire, be revoked, allow the download, ask for the viewer's email.
// A link made without an email gets an email record of its own ("Shared link: ...") so its views
// have a place in the feed like every other event.
import { errorResponseSchema } from '../../../shared/api-schemas.ts';
import {
  documentIdParamsSchema,
  documentLinkCreateSchema,
  documentLinkParamsSchema,
  documentLinkSchema,
  documentLinkUpdateSchema,
} from '../../../shared/document-schemas.ts';
import { mintEmailToken } from '../../../shared/email-tokens.ts';
import { mintId } from '../../../shared/ids.ts';
import type { RouteModule } from '../app-types.ts';
import { requireOwnToken } from '../email-token-owner.ts';
import { HttpError } from '../errors.ts';
import { canSee, documentNotFound, planGatedUser } from './access.ts';
import { presentDocumentLink } from './presenters.ts';

const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

export const registerDocumentLinkRoutes: RouteModule = (app, context) => {
  const { store, publicUrl } = context;

  app.post(
    '/api/v1/documents/:id/links',
    {
      schema: {
        tags: ['documents'],
        summary: 'The tracked viewer link of this document in one email (created once per email and document)',
        params: documentIdParamsSchema,
        body: documentLinkCreateSchema,
        response: { 200: documentLinkSchema, 201: documentLinkSchema, 409: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = planGatedUser(request);
      const document = await store.getDocument(request.params.id);
      if (!canSee(document, user)) throw documentNotFound();
      if (document.status === 'failed') {
        throw new HttpError(
          409,
          'document_failed',
          `This document cannot be shared: ${document.failure ?? 'its conversion to PDF failed'}`,
        );
      }
      const now = new Date();
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
      if (expiresAt && expiresAt <= now) {
        throw new HttpError(400, 'expiry_in_past', 'expiresAt is in the past: the link would never work; give a later time or none');
      }
      let emailToken = request.body.emailToken;
      if (emailToken) {
        // The email may not be registered yet (links are made while composing); it must be ours.
        await requireOwnToken(context, user.id, emailToken);
        const email = await store.getEmail(emailToken);
        if (email && email.userId !== user.id) throw new HttpError(409, 'token_taken', 'This email token belongs to another user');
      } else {
        emailToken = mintEmailToken(await context.keys.forUser(user.id));
        await store.registerEmail({
          token: emailToken,
          userId: user.id,
          subject: `Shared link: ${document.title}`,
          to: [],
          cc: [],
          bcc: [],
          sentAt: now,
          gmailThreadId: null,
          gmailMessageId: null,
          rfcMessageId: null,
          openTracking: false,
          clickTracking: false,
          links: [],
          createdAt: now,
        });
      }
      const { link, created } = await store.createDocumentLink({
        token: mintId('documentLink'),
        documentId: document.id,
        ownerId: user.id,
        emailToken,
        expiresAt,
        revokedAt: null,
        allowDownload: request.body.allowDownload,
        requireEmail: request.body.requireEmail,
        createdAt: now,
      });
      if (link.ownerId !== user.id) throw new HttpError(409, 'token_taken', 'This email token belongs to another user');
      return reply.code(created ? 201 : 200).send(presentDocumentLink(link, publicUrl()));
    },
  );

  app.patch(
    '/api/v1/documents/:id/links/:token',
    {
      schema: {
        tags: ['documents'],
        summary: 'Revoke or restore a link, change its expiry, download and email settings (link owner only)',
        params: documentLinkParamsSchema,
        body: documentLinkUpdateSchema,
        response: { 200: documentLinkSchema, ...errors },
      },
    },
    async (request) => {
      const user = planGatedUser(request);
      const existing = await store.getDocumentLink(request.params.token);
      if (!existing || existing.link.documentId !== request.params.id || existing.link.ownerId !== user.id) {
        throw new HttpError(404, 'not_found', 'No such document link');
      }
      const { expiresAt, ...flags } = request.body;
      const changes = { ...flags, ...(expiresAt === undefined ? {} : { expiresAt: expiresAt === null ? null : new Date(expiresAt) }) };
      const link = await store.updateDocumentLink(request.params.token, user.id, changes, new Date());
      if (!link) throw new HttpError(404, 'not_found', 'No such document link');
      return presentDocumentLink(link, publicUrl());
    },
  );
};
