// What every recipient route of a document link (/d/:token/...) needs: the live link of a token,
// who the request comes from, whether it may read the files, and the one way to refuse a stranger
// who sends too much (429 in the one JSON error shape, with Retry-After).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isId } from '../../../shared/ids.ts';
import { linkState } from '../../docs/link-access.ts';
import type { BeaconFacts } from '../../docs/record-beacon.ts';
import { retryAfterSeconds, type Refusal } from '../../docs/reader-limits.ts';
import type { DocumentLinkRecord, DocumentRecord, DocumentVisitRecord, Store } from '../../store/store.ts';
import { sendError } from '../errors.ts';
import { PREPARING_RETRY_SECONDS } from '../recipient-pages.ts';
import { deviceIdOf, userAgentOf } from '../request-facts.ts';
import { grantFromCookies, hashGrant } from './grant-cookie.ts';

export const tokenParams = z.object({ token: z.string().max(64) });

export type LinkTarget = { link: DocumentLinkRecord; document: DocumentRecord };

/** The live link of a token, or null (unknown, revoked, expired, withdrawn or malformed: all alike). */
export async function liveTarget(store: Store, token: string): Promise<LinkTarget | null> {
  const { target } = await targetOf(store, token);
  return target;
}

/** The live link of a token, or why there is none ('withdrawn' when the owner un-shared it). */
export async function targetOf(store: Store, token: string): Promise<{ target: LinkTarget | null; withdrawn: boolean }> {
  if (!isId('documentLink', token)) return { target: null, withdrawn: false };
  const found = await store.getDocumentLink(token);
  // A document whose conversion failed has nothing to show: its links are not available.
  if (!found || found.document.status === 'failed') return { target: null, withdrawn: false };
  const state = linkState(found.link, new Date(), found.document);
  return { target: state === 'live' ? found : null, withdrawn: state === 'withdrawn' };
}

/**
 * A link that asks for the reader's email serves its files only to the holder of a grant. The
 * answer carries the visit the grant was given to (the reader's email), when there is one.
 */
export async function accessOf(
  store: Store,
  request: FastifyRequest,
  target: LinkTarget,
): Promise<{ allowed: boolean; visit: DocumentVisitRecord | null }> {
  const grant = grantFromCookies(request.headers.cookie);
  const visit = grant === null ? null : await store.findDocumentVisitByGrant(target.link.token, hashGrant(grant));
  return { allowed: !target.link.requireEmail || visit !== null, visit };
}

export function factsOf(request: FastifyRequest): BeaconFacts {
  return { ip: request.ip, userAgent: userAgentOf(request), deviceId: deviceIdOf(request) };
}

export function sendNotAvailable(reply: FastifyReply): FastifyReply {
  return sendError(reply, 404, 'not_found', 'This document link is not available');
}

/** A team-mate's link to a document its owner made private again: gone, not merely unknown. */
export function sendWithdrawn(reply: FastifyReply): FastifyReply {
  return sendError(reply, 410, 'link_withdrawn', 'The owner of this document no longer shares it; ask the sender for a new link');
}

/** While a Word or PowerPoint upload is still converting: come back in a few seconds. */
export function sendPreparing(reply: FastifyReply): FastifyReply {
  return sendError(
    reply.header('Retry-After', String(PREPARING_RETRY_SECONDS)),
    503,
    'document_preparing',
    `The document is still being prepared; try again in ${PREPARING_RETRY_SECONDS} s`,
  );
}

export function sendRateLimited(reply: FastifyReply, refusal: Refusal): FastifyReply {
  return sendError(reply.header('Retry-After', String(retryAfterSeconds(refusal.retryAfterMs))), 429, 'rate_limited', refusal.message);
}
