// The recipient's side of a tracked document link, outside /api (no sign-in): the viewer page and
// the "ask for your email first" step (the files, the beacons and the viewer's assets have their
// own modules). Links are looked up by their unguessable token only; unknown, revoked and expired
// links all get the same small page.
import { z } from 'zod';
import { visitIdSchema } from '../../../shared/doc-beacons.ts';
import { cleanDisplayText } from '../../../shared/display-text.ts';
import { DOCUMENT_PATH_PREFIX } from '../../../shared/tracking-urls.ts';
import { firstPageImage } from '../../docs/first-page-image.ts';
import { newVisit } from '../../docs/record-beacon.ts';
import { renderViewerHtml, ViewerNotBuiltError } from '../../docs/viewer-page.ts';
import type { RouteModule } from '../app-types.ts';
import { HttpError } from '../errors.ts';
import { documentPreparing, documentWithdrawn, linkNotAvailable } from '../tracking-responses.ts';
import { grantCookie, mintGrant } from './grant-cookie.ts';
import { accessOf, liveTarget, sendNotAvailable, sendRateLimited, targetOf, tokenParams } from './recipient.ts';

const identifyBodySchema = z.strictObject({ visitId: visitIdSchema, email: z.string().trim().toLowerCase().email().max(320) });

export const registerDocumentViewerRoutes: RouteModule = (app, context) => {
  const { store, docs } = context;

  // Any token shape: a mangled link (too long, cut) gets the same page as an unknown one.
  app.get(`${DOCUMENT_PATH_PREFIX}:token`, { schema: { hide: true, params: z.object({ token: z.string() }) } }, async (request, reply) => {
    const { target, withdrawn } = await targetOf(store, request.params.token);
    const language = request.headers['accept-language'];
    if (withdrawn) return documentWithdrawn(reply, language);
    if (!target) return linkNotAvailable(reply, language);
    if (target.document.status === 'converting') return documentPreparing(reply, language);
    const { link, document } = target;
    const base = `${DOCUMENT_PATH_PREFIX}${link.token}`;
    const template = await docs.viewerTemplate().catch((error: unknown) => {
      throw error instanceof ViewerNotBuiltError ? new HttpError(503, 'viewer_not_built', error.message) : error;
    });
    const images = await docs.pageImages.manifestOf(document);
    const allowed = (await accessOf(store, request, target)).allowed;
    // Behind the email form no page is shown, so none is read either.
    const firstPage = allowed ? await firstPageImage(docs.pageImages, document, `${base}/pages/1`) : null;
    const html = renderViewerHtml(
      template.html,
      {
        title: cleanDisplayText(document.title),
        pageCount: document.pageCount,
        fileUrl: `${base}/file`,
        eventsUrl: `${base}/events`,
        downloadUrl: link.allowDownload ? `${base}/original` : null,
        identifyUrl: allowed ? null : `${base}/identify`,
        pageImages: (images?.pages ?? []).map((image) => ({ url: `${base}/pages/${image.page}`, aspect: image.aspect })),
      },
      firstPage,
    );
    return reply.code(200).headers(template.headers).send(html);
  });

  app.post(
    `${DOCUMENT_PATH_PREFIX}:token/identify`,
    { schema: { hide: true, params: tokenParams, body: identifyBodySchema } },
    async (request, reply) => {
      const target = await liveTarget(store, request.params.token);
      if (!target) return sendNotAvailable(reply);
      const { visitId, email } = request.body;
      const token = target.link.token;
      const now = Date.now();
      const refusal = docs.limits.reader(token, request.ip, now);
      if (refusal) return sendRateLimited(reply, refusal);
      const { grant, hash } = mintGrant();
      const newVisitRefusal = await docs.visits.run(`${token}:${visitId}`, async () => {
        const known = await store.getDocumentVisit(token, visitId);
        const refused = known ? null : docs.limits.newVisit(token, request.ip, now);
        if (refused) return refused;
        const visit = known ?? newVisit(target.link, visitId, new Date(now));
        await store.saveDocumentVisit({ ...visit, viewerEmail: email, grantHash: hash });
        return null;
      });
      if (newVisitRefusal) return sendRateLimited(reply, newVisitRefusal);
      const secure = context.publicUrl().startsWith('https:');
      return reply
        .header('Set-Cookie', grantCookie(token, grant, secure))
        .code(200)
        .send({ ok: true });
    },
  );
};
