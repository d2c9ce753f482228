// One viewer beacon into the feed, through ingestEvent() like every other hit (so the rep's own
// device is `self` and scanners and bots are `machine`): doc_open once per visit, and one
// doc_pages per visit whose details (pages, seconds, total) are folded from the visit's beacons
// and re-delivered to the feed as the reading goes on. Downloads are counted where the file is
// served (record-download.ts), never from a beacon.
import type { ParsedDocBeacon } from '../../shared/doc-beacons.ts';
import { DOC_VISIT_MAX_MS } from '../../shared/doc-tracking-config.ts';
import type { HitKind } from '../../shared/event-model.ts';
import type { IngestDeps } from '../ingest/ingest-deps.ts';
import { ingestEvent } from '../ingest/ingest-event.ts';
import type { DocumentLinkRecord, DocumentRecord, DocumentVisitRecord } from '../store/document-store.ts';
import { foldBeacon, startVisit, summarizeVisit, type VisitState } from './fold-visit.ts';

export interface BeaconFacts {
  ip: string;
  userAgent: string;
  deviceId?: string | undefined;
}

export interface BeaconTarget {
  link: DocumentLinkRecord;
  document: DocumentRecord;
}

/** A visit starting now (the server's time of its first beacon or identify). */
export function newVisit(link: DocumentLinkRecord, visitId: string, at: Date): DocumentVisitRecord {
  return {
    linkToken: link.token,
    visitId,
    viewerEmail: null,
    grantHash: null,
    startedAt: at,
    lastAt: at,
    stateJson: JSON.stringify(startVisit(at.getTime())),
    openEventId: null,
    pagesEventId: null,
  };
}

/**
 * `ended`: the visit began more than DOC_VISIT_MAX_MS ago; `refused`: a new visit that
 * `admitNewVisit` turned down (its refusal is the caller's to report).
 */
export type BeaconOutcome = 'recorded' | 'ended' | 'refused';

/** Records one beacon; the caller serialises the beacons of a visit (KeyedQueue). */
export async function recordBeacon(
  deps: IngestDeps,
  target: BeaconTarget,
  beacon: ParsedDocBeacon,
  facts: BeaconFacts,
  at: Date,
  admitNewVisit: () => boolean = () => true,
): Promise<BeaconOutcome> {
  const { link, document } = target;
  const known = await deps.store.getDocumentVisit(link.token, beacon.visitId);
  if (known && at.getTime() - known.startedAt.getTime() > DOC_VISIT_MAX_MS) return 'ended';
  if (!known && !admitNewVisit()) return 'refused';
  const visit = known ?? newVisit(link, beacon.visitId, at);
  const details = {
    documentId: document.id,
    documentName: document.title,
    visitId: beacon.visitId,
    ...(visit.viewerEmail ? { viewerEmail: visit.viewerEmail } : {}),
  };
  const hit = (kind: HitKind, extra: Record<string, unknown> = {}): ReturnType<typeof ingestEvent> =>
    ingestEvent(
      { ...deps, now: () => at },
      {
        ...(kind === 'doc_pages' ? { visitStartedAt: visit.startedAt } : {}),
        kind,
        token: link.emailToken,
        ip: facts.ip,
        userAgent: facts.userAgent,
        deviceId: facts.deviceId,
        signerUserId: link.ownerId,
        details: { ...details, ...extra },
      },
    );

  // A visit always starts with doc_open, even if the open beacon itself was lost.
  if (visit.openEventId === null) visit.openEventId = (await hit('doc_open'))?.id ?? null;
  // A 'download' beacon (sent by viewers before the server counted downloads itself) records
  // nothing more: GET /d/:token/original is the one source of downloads.

  if (beacon.kind === 'pages') {
    const before = JSON.parse(visit.stateJson) as VisitState;
    const state = foldBeacon(before, { at: at.getTime(), pages: beacon.pages, final: beacon.final }, document.pageCount);
    const summary = summarizeVisit(state);
    const changed = JSON.stringify(summary) !== JSON.stringify(summarizeVisit(before));
    visit.stateJson = JSON.stringify(state);
    if (summary.pages.length > 0 && visit.pagesEventId === null) {
      visit.pagesEventId = (await hit('doc_pages', summary))?.id ?? null;
    } else if (summary.pages.length > 0 && changed && visit.pagesEventId !== null) {
      const event = await deps.store.redeliverEvent(visit.pagesEventId, { ...details, ...summary });
      if (event?.userId) deps.hub.notify(event.userId);
    }
  }
  visit.lastAt = at;
  await deps.store.saveDocumentVisit(visit);
  return 'recorded';
}
