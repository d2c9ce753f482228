// Who may use a document through the API: the plan gate, and visibility (own documents and the
// team's shared ones; anything else answers exactly like a missing document).
import type { FastifyRequest } from 'fastify';
import { requireTrackedAttachments } from '../../docs/plan-gate.ts';
import type { DocumentRecord, UserAccount } from '../../store/store.ts';
import { currentUser } from '../auth.ts';
import { HttpError } from '../errors.ts';
import { documentHttpError } from './presenters.ts';

export const documentNotFound = (): HttpError => new HttpError(404, 'not_found', 'No such document');

export function canSee(document: DocumentRecord | null, user: UserAccount): document is DocumentRecord {
  return document !== null && (document.ownerId === user.id || (document.shared && document.teamId === user.teamId));
}

/** The signed-in user, once their team's plan is known to include tracked attachments. */
export function planGatedUser(request: FastifyRequest): UserAccount {
  const user = currentUser(request);
  try {
    requireTrackedAttachments({ name: user.teamName, plan: user.plan });
  } catch (error) {
    throw documentHttpError(error);
  }
  return user;
}
