// doc_download is recorded where the file leaves the server (GET /d/:token/original), through
// ingestEvent() like every hit, and nowhere else. Why the fetch and not the viewer's beacon:
// - it is what happened: the beacon fired on a click even when the download then failed, and
//   a link copied out of the viewer (or a script, a download manager) downloads with no beacon;
// - it carries the downloader's own address and agent, so a gateway or a sandbox fetching the
//   original is labelled machine like a scanned click (a beacon comes from whatever ran the JS);
// - one source cannot count one download twice (beacon + fetch).
// Which answers start a download: http/documents/download-start.ts.
import type { StoredEvent } from '../store/store.ts';
import type { IngestDeps } from '../ingest/ingest-deps.ts';
import { ingestEvent } from '../ingest/ingest-event.ts';
import type { DocumentVisitRecord } from '../store/document-store.ts';
import type { BeaconFacts, BeaconTarget } from './record-beacon.ts';

/**
 * Records one download; `visit` is the viewer visit behind the request's access grant (links that
 * ask for the reader's email), which attributes the download to that reader.
 */
export async function recordDownload(
  deps: IngestDeps,
  target: BeaconTarget,
  facts: BeaconFacts,
  visit: DocumentVisitRecord | null,
): Promise<StoredEvent | null> {
  const { link, document } = target;
  return ingestEvent(deps, {
    kind: 'doc_download',
    token: link.emailToken,
    ip: facts.ip,
    userAgent: facts.userAgent,
    deviceId: facts.deviceId,
    signerUserId: link.ownerId,
    details: {
      documentId: document.id,
      documentName: document.title,
      ...(visit ? { visitId: visit.visitId } : {}),
      ...(visit?.viewerEmail ? { viewerEmail: visit.viewerEmail } : {}),
    },
  });
}
