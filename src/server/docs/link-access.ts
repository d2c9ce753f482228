// Whether a tracked document link may be used now: unknown, revoked and expired links all end
// the same way for the recipient (a page that says the link is no longer available).
import type { DocumentLinkRecord } from '../store/document-store.ts';

export type LinkState = 'live' | 'revoked' | 'expired';

export function linkState(link: DocumentLinkRecord, now: Date): LinkState {
  if (link.revokedAt !== null) return 'revoked';
  if (link.expiresAt !== null && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'live';
}
