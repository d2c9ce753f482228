// The recipient's side of a tracked document link, outside /api (no sign-in): the viewer page,
// the PDF by ranges, the original when downloads are allowed, the page-time beacons and the
// "ask for your email first" step. Links are looked up by their unguessable token only; unknown,
// revoked and expired links all get the same small page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { docBeaconSchema } from '../../shared/doc-beacons.ts';
import { isId } from '../../shared/ids.ts';
import { withExtension } from '../docs/content-disposition.ts';
import { docsContext } from '../docs/docs-context.ts';
import { respondWithFile, type FileServeOptions } from '../docs/file-response.ts';
import { grantCookie, grantFromCookies, hashGrant, mintGrant } from '../docs/grant-cookie.ts';
import { linkState } from '../docs/link-access.ts';
import { loadVisit, recordBeacon } from '../docs/record-beacon.ts';
import { renderViewerHtml, VIEWER_PAGE_HEADERS, ViewerNotBuiltError } from '../docs/viewer-page.ts';
import type { DocumentLinkRecord, DocumentRecord } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { registerViewerAssetRoutes } from './document-viewer-assets.ts';
import { HttpError, sendError } from './errors.ts';
import { deviceIdOf, userAgentOf } from './request-facts.ts';

const GONE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Link not available</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>This link is not available</h1>
<p>The document link you followed does not exist, has expired or was turned off by its sender.
Ask the sender for a new link.</p></body></html>
`;

const tokenParams = z.object({ token: z.string().max(64) });
const identifyBodySchema = z.object({ visitId: docBeaconSchema.shape.visitId, email: z.string().trim().toLowerCase().email().max(320) });
const BEACON_BODY_LIMIT = 256 * 1024;

type Target = { link: DocumentLinkRecord; document: DocumentRecord };

export const registerDocumentViewerRoutes: RouteModule = (app, context) => {
  const docs = docsContext(context);
  const { store } = context;

  /** The live link of a token, or null (unknown, revoked, expired or malformed: all alike). */
  const liveTarget = async (token: string): Promise<Target | null> => {
    if (!isId('documentLink', token)) return null;
    const found = await store.getDocumentLink(token);
    return found && linkState(found.link, new Date()) === 'live' ? found : null;
  };
  const gone = (reply: FastifyReply): FastifyReply =>
    reply.code(404).headers({ ...VIEWER_PAGE_HEADERS, 'Content-Security-Policy': "default-src 'none'" }).send(GONE_PAGE);

  /** A link that asks for the reader's email serves its files only to the holder of a grant. */
  const hasAccess = async (request: FastifyRequest, target: Target): Promise<boolean> => {
    if (!target.link.requireEmail) return true;
    const grant = grantFromCookies(request.headers.cookie);
    return grant !== null && (await store.findDocumentVisitByGrant(target.link.token, hashGrant(grant))) !== null;
  };

  app.get('/d/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const target = await liveTarget(request.params.token);
    if (!target) return gone(reply);
    const { link, document } = target;
    const base = `/d/${link.token}`;
    const template = await docs.viewerTemplate().catch((error: unknown) => {
      throw error instanceof ViewerNotBuiltError ? new HttpError(503, 'viewer_not_built', error.message) : error;
    });
    const html = renderViewerHtml(template, {
      title: document.title,
      pageCount: document.pageCount,
      fileUrl: `${base}/file`,
      eventsUrl: `${base}/events`,
      downloadUrl: link.allowDownload ? `${base}/original` : null,
      identifyUrl: (await hasAccess(request, target)) ? null : `${base}/identify`,
    });
    return reply.code(200).headers(VIEWER_PAGE_HEADERS).send(html);
  });

  const serveFile = (which: 'file' | 'original') => async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    const target = await liveTarget(request.params.token);
    if (!target) return sendError(reply, 404, 'not_found', 'This document link is not available');
    if (!(await hasAccess(request, target))) return sendError(reply, 403, 'email_required', 'Enter your email address in the viewer first');
    const { document, link } = target;
    if (which === 'original' && !link.allowDownload) return sendError(reply, 403, 'download_not_allowed', 'The sender did not allow downloading this document');
    const options: FileServeOptions =
      which === 'file'
        ? { contentType: 'application/pdf', fileName: withExtension(document.title, 'pdf'), disposition: 'inline' }
        : { contentType: document.mime, fileName: document.originalName, disposition: 'attachment' };
    const path = docs.files.pathOf(which === 'file' ? document.pdfFile : document.originalFile);
    const headers = request.headers;
    const answer = await respondWithFile(
      path,
      { method: request.method, range: headers.range, ifRange: headers['if-range'] as string | undefined, ifNoneMatch: headers['if-none-match'] },
      options,
    );
    if (answer.kind === 'error') return sendError(reply.headers(answer.headers), answer.status, answer.code, answer.message);
    return reply.code(answer.status).headers(answer.headers).send(answer.body ?? '');
  };
  for (const which of ['file', 'original'] as const) {
    app.route({ method: ['GET', 'HEAD'], url: `/d/:token/${which}`, schema: { hide: true, params: tokenParams }, handler: serveFile(which) });
  }

  app.post('/d/:token/events', { bodyLimit: BEACON_BODY_LIMIT, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    // sendBeacon posts text/plain (a CORS-safelisted type); fetch fallbacks may send JSON.
    let body: unknown = request.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        throw new HttpError(400, 'invalid_json', 'The beacon is not valid JSON');
      }
    }
    const beacon = docBeaconSchema.safeParse(body);
    if (!beacon.success) throw new HttpError(400, 'validation_failed', `Invalid beacon: ${beacon.error.issues[0]?.message ?? ''}`);
    const target = await liveTarget(request.params.token);
    if (!target) return sendError(reply, 404, 'not_found', 'This document link is not available');
    const facts = { ip: request.ip, userAgent: userAgentOf(request), deviceId: deviceIdOf(request) };
    const at = new Date();
    await docs.visits.run(`${target.link.token}:${beacon.data.visitId}`, () => recordBeacon(context, target, beacon.data, facts, at));
    return reply.code(204).send();
  });

  app.post('/d/:token/identify', { schema: { hide: true, params: tokenParams, body: identifyBodySchema } }, async (request, reply) => {
    const target = await liveTarget(request.params.token);
    if (!target) return sendError(reply, 404, 'not_found', 'This document link is not available');
    const { visitId, email } = request.body;
    const { grant, hash } = mintGrant();
    await docs.visits.run(`${target.link.token}:${visitId}`, async () => {
      const visit = await loadVisit(context, target.link, visitId, new Date());
      await store.saveDocumentVisit({ ...visit, viewerEmail: email, grantHash: hash });
    });
    const secure = context.publicUrl().startsWith('https:');
    return reply.header('Set-Cookie', grantCookie(target.link.token, grant, secure)).code(200).send({ ok: true });
  });

  registerViewerAssetRoutes(app, docs.viewerDir);
};
