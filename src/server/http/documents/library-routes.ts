// The content library API (tracked attachments): upload (multipart, streamed), list/search, read,
// rename/share, delete (the tracked links of a document: link-routes.ts). A team-plan feature:
// every route answers 403 with an explanation to a user whose team lacks the plan.
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorResponseSchema } from '../../../shared/api-schemas.ts';
import {
  documentIdParamsSchema,
  documentListQuerySchema,
  documentListSchema,
  documentSchema,
  documentUpdateSchema,
  documentUploadQuerySchema,
} from '../../../shared/document-schemas.ts';
import { mintId } from '../../../shared/ids.ts';
import { sanitizeFileName } from '../content-disposition.ts';
import type { DocsContext } from '../../docs/docs-context.ts';
import { Conversions } from '../../docs/conversions.ts';
import { announcingReady } from '../../docs/page-images/ready-hook.ts';
import { COUNT_TIMEOUT_MS } from '../../docs/page-count-workers.ts';
import { holdOpenWhileWaiting, type HttpLimits } from '../connection-limits.ts';
import { storeUpload, type StoredUpload } from '../../docs/store-upload.ts';
import type { DocumentRecord } from '../../store/store.ts';
import type { GlintApp, RouteModule } from '../app-types.ts';
import { HttpError } from '../errors.ts';
import { canSee, documentNotFound, planGatedUser } from './access.ts';
import { documentHttpError, presentDocument } from './presenters.ts';

const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

/** The form's file part, stored. Malformed multipart fails here too: in request.file() or while the part streams to disk. */
async function receiveUpload(
  request: FastifyRequest,
  docs: DocsContext,
  limits: HttpLimits,
): Promise<{ originalName: string; stored: StoredUpload }> {
  const part = await request.file();
  if (!part) throw new HttpError(400, 'file_required', 'Attach the document as a file part of the form');
  const originalName = sanitizeFileName(part.filename);
  // Counting a damaged PDF's pages can outlast the idle timeout on a busy machine while nothing
  // moves on the connection: once the body is in, it may stay quiet for the longest count.
  let restoreIdleTimeout = (): void => undefined;
  const holdOpen = (): void => {
    restoreIdleTimeout = holdOpenWhileWaiting(request.raw.socket, COUNT_TIMEOUT_MS, limits);
  };
  try {
    return { originalName, stored: await storeUpload(docs.files, part.file, originalName, docs.maxUploadBytes, holdOpen) };
  } finally {
    restoreIdleTimeout();
  }
}

export const registerDocumentLibraryRoutes: RouteModule = (app, context) => {
  const { docs } = context;
  // A document that becomes ready here (stored ready, or converted) gets its first pages drawn.
  const store = announcingReady(context.store, (document) => docs.pageImages.schedule(document));
  const pageImageLog = app.log.child({ component: 'page-images' });
  docs.pageImages.useLog((error, documentId) => pageImageLog.error({ err: error, documentId }, 'first pages not rendered'));
  const conversions = new Conversions(store, docs.files, docs.converter, docs.conversionQueue, (error) =>
    app.log.error({ err: error }, 'document conversion failed'),
  );
  // The store's queue: conversions a stop cut short run again; a stop waits for those running here (each has a timeout).
  app.addHook('onReady', async () => conversions.start());
  app.addHook('onClose', async () => {
    await conversions.stop();
    await docs.pageImages.close();
  });

  // Multipart lives in its own scope: only the upload route parses it.
  void app.register(async (scope: GlintApp) => {
    await scope.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: docs.maxUploadBytes + 1 } });
    scope.post(
      '/api/v1/documents',
      {
        schema: {
          tags: ['documents'],
          summary: 'Upload a PDF (201, ready), Word or PowerPoint file (202, converting: read it again until ready or failed)',
          consumes: ['multipart/form-data'],
          querystring: documentUploadQuerySchema,
          response: {
            201: documentSchema,
            202: documentSchema,
            413: errorResponseSchema,
            415: errorResponseSchema,
            422: errorResponseSchema,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const user = planGatedUser(request);
        if (!request.isMultipart())
          throw new HttpError(415, 'multipart_required', 'Send the document as multipart/form-data with one file part');
        const { originalName, stored } = await receiveUpload(request, docs, context.config.http).catch((error: unknown) => {
          throw documentHttpError(error);
        });
        const now = new Date();
        const document: DocumentRecord = {
          id: mintId('document'),
          ownerId: user.id,
          teamId: user.teamId,
          shared: request.query.shared,
          title: request.query.title ?? sanitizeFileName(originalName.replace(/\.[A-Za-z0-9]{1,5}$/, '')),
          originalName,
          mime: stored.type.mime,
          docType: stored.type.type,
          size: stored.original.size,
          sha256: stored.original.sha256,
          originalFile: stored.original.name,
          pdfFile: stored.pdfFile,
          pageCount: stored.pageCount ?? 0,
          status: stored.pageCount === null ? 'converting' : 'ready',
          failure: null,
          failureCode: null,
          createdAt: now,
          updatedAt: now,
        };
        await store.createDocument(document);
        if (document.status === 'ready') return reply.code(201).send(presentDocument(document, user.id));
        conversions.wake();
        return reply.code(202).send(presentDocument(document, user.id));
      },
    );
  });

  app.get(
    '/api/v1/documents',
    { schema: { tags: ['documents'], querystring: documentListQuerySchema, response: { 200: documentListSchema, ...errors } } },
    async (request) => {
      const user = planGatedUser(request);
      const documents = await store.listDocuments({
        userId: user.id,
        teamId: user.teamId,
        search: request.query.q,
        limit: request.query.limit,
      });
      return { documents: documents.map((document) => presentDocument(document, user.id)) };
    },
  );

  app.get(
    '/api/v1/documents/:id',
    { schema: { tags: ['documents'], params: documentIdParamsSchema, response: { 200: documentSchema, ...errors } } },
    async (request) => {
      const user = planGatedUser(request);
      const document = await store.getDocument(request.params.id);
      if (!canSee(document, user)) throw documentNotFound();
      return presentDocument(document, user.id);
    },
  );

  app.patch(
    '/api/v1/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Rename or share (owner only)',
        params: documentIdParamsSchema,
        body: documentUpdateSchema,
        response: { 200: documentSchema, ...errors },
      },
    },
    async (request) => {
      const user = planGatedUser(request);
      const updated = await store.updateDocument(request.params.id, user.id, request.body, new Date());
      if (!updated) throw documentNotFound();
      return presentDocument(updated, user.id);
    },
  );

  app.delete(
    '/api/v1/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Delete (owner only); its links stop working',
        params: documentIdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = planGatedUser(request);
      const deleted = await store.deleteDocument(request.params.id, user.id);
      if (!deleted) throw documentNotFound();
      await docs.files.remove(deleted.originalFile);
      if (deleted.pdfFile !== deleted.originalFile) await docs.files.remove(deleted.pdfFile);
      await docs.pageImages.remove(deleted);
      return reply.code(204).send(null);
    },
  );
};
