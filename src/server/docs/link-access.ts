// Whether a tracked document link may be used now: unknown, revoked and expired links all end
// the same way for the recipient (a page that says the link is no longer available). A link a
// team-mate made while the document was shared is withdrawn as long as the owner keeps the
// document private (docs/architecture.md, "Un-sharing", says why this is computed, not stored).
import type { DocumentLinkRecord, DocumentRecord } from '../store/document-store.ts';

export type LinkState = 'live' | 'revoked' | 'expired' | 'withdrawn';

export function linkState(link: DocumentLinkRecord, now: Date, document?: Pick<DocumentRecord, 'ownerId' | 'shared'>): LinkState {
  if (document !== undefined && link.ownerId !== document.ownerId && !document.shared) return 'withdrawn';
  if (link.revokedAt !== null) return 'revoked';
  if (link.expiresAt !== null && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'live';
}
