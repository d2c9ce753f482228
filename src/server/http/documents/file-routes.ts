// The files of a tracked document link: GET/HEAD /d/:token/file (the PDF, by ranges, for the
// viewer) and /d/:token/original (the uploaded file, when the rep allowed downloads). Starting a
// download of the original records doc_download (docs/record-download.ts says why here and only
// here); reading the PDF in the viewer is reported by the viewer's beacons instead.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_PATH_PREFIX } from '../../../shared/tracking-urls.ts';
import { recordDownload } from '../../docs/record-download.ts';
import type { RouteModule } from '../app-types.ts';
import { withExtension } from '../content-disposition.ts';
import { sendError } from '../errors.ts';
import { respondWithFile, type FileServeOptions } from '../file-response.ts';
import { startsDownload } from './download-start.ts';
import { accessOf, factsOf, sendNotAvailable, sendPreparing, sendRateLimited, sendWithdrawn, targetOf, tokenParams } from './recipient.ts';

type Which = 'file' | 'original';

export const registerDocumentFileRoutes: RouteModule = (app, context) => {
  const { store, docs } = context;

  const serve = (which: Which) => async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    const { target, withdrawn } = await targetOf(store, request.params.token);
    if (withdrawn) return sendWithdrawn(reply);
    if (!target) return sendNotAvailable(reply);
    const access = await accessOf(store, request, target);
    if (!access.allowed) return sendError(reply, 403, 'email_required', 'Enter your email address in the viewer first');
    const { document, link } = target;
    // The original is there from the upload on; the PDF only once the conversion is done.
    if (which === 'file' && document.status === 'converting') return sendPreparing(reply);
    if (which === 'original' && !link.allowDownload)
      return sendError(reply, 403, 'download_not_allowed', 'The sender did not allow downloading this document');
    const options: FileServeOptions =
      which === 'file'
        ? { contentType: 'application/pdf', fileName: withExtension(document.title, 'pdf'), disposition: 'inline' }
        : { contentType: document.mime, fileName: document.originalName, disposition: 'attachment' };
    const path = docs.files.pathOf(which === 'file' ? document.pdfFile : document.originalFile);
    const headers = request.headers;
    const fileRequest = {
      method: request.method,
      range: headers.range,
      ifRange: headers['if-range'] as string | undefined,
      ifNoneMatch: headers['if-none-match'],
    };
    // The document may be deleted between the lookup above and here: its files are gone too.
    const answer = await respondWithFile(path, fileRequest, options).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (!answer) return sendNotAvailable(reply);
    if (answer.kind === 'error') return sendError(reply.headers(answer.headers), answer.status, answer.code, answer.message);

    if (which === 'original' && startsDownload(request.method, answer)) {
      const facts = factsOf(request);
      const now = Date.now();
      const refusal = docs.limits.reader(link.token, facts.ip, now);
      if (refusal) {
        answer.body?.destroy();
        return sendRateLimited(reply, refusal);
      }
      if (!docs.limits.repeatedDownload(link.token, facts.ip, facts.userAgent, now)) {
        try {
          await recordDownload(context, target, facts, access.visit);
        } catch (error) {
          // The reader still gets the file; the rep loses one download event.
          request.log.error({ err: error }, 'download not recorded');
        }
      }
    }
    return reply
      .code(answer.status)
      .headers(answer.headers)
      .send(answer.body ?? '');
  };

  for (const which of ['file', 'original'] as const) {
    app.route({
      method: ['GET', 'HEAD'],
      url: `${DOCUMENT_PATH_PREFIX}:token/${which}`,
      schema: { hide: true, params: tokenParams },
      handler: serve(which),
    });
  }
};
