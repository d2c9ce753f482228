// POST /d/:token/events: the viewer's beacons (doc_open, page times) into ingestEvent(). Anyone
// holding the link can post here (with the email grant when the link asks for an email), so the
// body is validated strictly (shared/doc-beacons.ts) and bounded: per network and link, per
// visit, new visits per network (docs/reader-limits.ts), and a visit takes beacons only for
// DOC_VISIT_MAX_MS.
import { DOC_MAX_PAGES_PER_BEACON, DOC_VISIT_MAX_MS } from '../../../shared/doc-tracking-config.ts';
import { docBeaconSchema, type ParsedDocBeacon } from '../../../shared/doc-beacons.ts';
import { DOCUMENT_PATH_PREFIX } from '../../../shared/tracking-urls.ts';
import type { Refusal } from '../../docs/reader-limits.ts';
import { recordBeacon } from '../../docs/record-beacon.ts';
import type { RouteModule } from '../app-types.ts';
import { HttpError, sendError } from '../errors.ts';
import { accessOf, factsOf, liveTarget, sendNotAvailable, sendPreparing, sendRateLimited, tokenParams } from './recipient.ts';

/** The largest beacon the viewer can send (every page listed with large numbers), plus room. */
const BEACON_BODY_LIMIT = DOC_MAX_PAGES_PER_BEACON * 40 + 1024;

/** sendBeacon posts text/plain (a CORS-safelisted type); fetch fallbacks may send JSON. */
function parseBeacon(body: unknown): ParsedDocBeacon {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new HttpError(400, 'invalid_json', 'The beacon is not valid JSON');
    }
  }
  const beacon = docBeaconSchema.safeParse(value);
  if (beacon.success) return beacon.data;
  const issue = beacon.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, 'validation_failed', `Invalid beacon: ${where}${issue?.message ?? 'not a beacon'}`);
}

export const registerDocumentBeaconRoutes: RouteModule = (app, context) => {
  const { docs } = context;
  app.post(
    `${DOCUMENT_PATH_PREFIX}:token/events`,
    { bodyLimit: BEACON_BODY_LIMIT, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const beacon = parseBeacon(request.body);
      const target = await liveTarget(context.store, request.params.token);
      if (!target) return sendNotAvailable(reply);
      if (target.document.status === 'converting') return sendPreparing(reply);
      // A link that asks for the reader's email first counts only what a reader who gave it read:
      // a beacon without the grant is no view, whoever sends it.
      if (!(await accessOf(context.store, request, target)).allowed) {
        return sendError(reply, 403, 'email_required', 'This document asks for your email first: give it in the viewer, then read on');
      }
      const facts = factsOf(request);
      const token = target.link.token;
      const now = Date.now();
      const refusal = docs.limits.reader(token, facts.ip, now) ?? docs.limits.visitBeacon(token, beacon.visitId, now);
      if (refusal) return sendRateLimited(reply, refusal);
      // Asked only when the beacon would start a visit the server has not seen.
      const newVisit: { refusal: Refusal | null } = { refusal: null };
      const admitNewVisit = (): boolean => (newVisit.refusal = docs.limits.newVisit(token, facts.ip, now)) === null;
      const outcome = await docs.visits.run(`${token}:${beacon.visitId}`, () =>
        recordBeacon(context, target, beacon, facts, new Date(now), admitNewVisit),
      );
      if (outcome === 'refused' && newVisit.refusal) return sendRateLimited(reply, newVisit.refusal);
      if (outcome === 'ended') {
        const hours = DOC_VISIT_MAX_MS / 3_600_000;
        return sendError(
          reply,
          409,
          'visit_ended',
          `This visit began more than ${hours} hours ago; reload the document to start a new one`,
        );
      }
      return reply.code(204).send();
    },
  );
};
