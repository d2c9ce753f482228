// Hits that follow a link of the email: a tracked click, or the recipient's document link (the
// viewer's doc_open and doc_pages, a download of the original). Security gateways check both kinds
// of link at delivery, server-side or in a headless sandbox that runs the viewer's script, so the
// link-scanner rules apply to all of them. The image rules (Gmail proxy, Apple MPP) stay opens-only.
import type { HitKind } from '../../shared/event-model.ts';

const FOLLOWED_LINK_KINDS: ReadonlySet<HitKind> = new Set(['click', 'doc_open', 'doc_pages', 'doc_download']);

export function followsLink(kind: HitKind): boolean {
  return FOLLOWED_LINK_KINDS.has(kind);
}
