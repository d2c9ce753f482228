// The first pages of a tracked document as images: GET/HEAD /d/:token/pages/:page, what the
// viewer shows while pdf.js loads. Exactly the PDF's checks (a revoked, expired or unknown link
// answers 404, a withdrawn one 410, a link that asks for the reader's email 403 until given),
// and `private, no-cache` with an ETag: a browser asks again each time (a 304 when unchanged), so
// revoking a link stops its images at once and no shared cache keeps a copy.
import { z } from 'zod';
import { DOCUMENT_PATH_PREFIX } from '../../../shared/tracking-urls.ts';
import { PAGE_IMAGE_TYPE } from '../../docs/page-images/page-image-manifest.ts';
import type { RouteModule } from '../app-types.ts';
import { sendError } from '../errors.ts';
import { respondWithFile } from '../file-response.ts';
import { accessOf, sendNotAvailable, sendPreparing, sendWithdrawn, targetOf } from './recipient.ts';

const pageImageParams = z.object({ token: z.string().max(64), page: z.coerce.number().int().min(1).max(100) });

export const registerDocumentPageImageRoutes: RouteModule = (app, context) => {
  const { store, docs } = context;

  app.route({
    method: ['GET', 'HEAD'],
    url: `${DOCUMENT_PATH_PREFIX}:token/pages/:page`,
    schema: { hide: true, params: pageImageParams },
    handler: async (request, reply) => {
      const { token, page } = request.params as z.infer<typeof pageImageParams>;
      const { target, withdrawn } = await targetOf(store, token);
      if (withdrawn) return sendWithdrawn(reply);
      if (!target) return sendNotAvailable(reply);
      if (!(await accessOf(store, request, target)).allowed)
        return sendError(reply, 403, 'email_required', 'Enter your email address in the viewer first');
      if (target.document.status === 'converting') return sendPreparing(reply);
      const found = await docs.pageImages.imageOf(target.document, page);
      if (!found) return sendError(reply, 404, 'not_found', 'This page has no image; the viewer draws it instead');
      const headers = request.headers;
      // The document may be deleted between the lookup above and here: its images are gone too.
      const answer = await respondWithFile(
        found.path,
        { method: request.method, ifNoneMatch: headers['if-none-match'] },
        { contentType: PAGE_IMAGE_TYPE, fileName: `page-${page}.webp`, disposition: 'inline' },
      ).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      });
      if (!answer) return sendNotAvailable(reply);
      if (answer.kind === 'error') return sendError(reply.headers(answer.headers), answer.status, answer.code, answer.message);
      return reply
        .code(answer.status)
        .headers(answer.headers)
        .send(answer.body ?? '');
    },
  });
};
