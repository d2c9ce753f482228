// The opens the person-on-call test needs (person-on-call.ts): read only for a hit that follows a
// link within the at-delivery window of a registered email, so the pixel path and later clicks
// cost nothing more (one indexed query for such a hit). The window is the one the test applies:
// from sending (less the clock skew) to the hit, or to the start of its document visit.
import type { HitKind } from '../../shared/event-model.ts';
import { CLIENT_CLOCK_SKEW_MS } from '../../shared/tracking-config.ts';
import type { EmailRecord, StoredEvent } from '../store/store.ts';
import { followsLink } from './followed-link.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { inDeliveryWindow } from './rules/link-scanner-timing.ts';

export async function opensBeforeAtSendLink(
  store: IngestDeps['store'],
  email: EmailRecord | null,
  kind: HitKind,
  startedAt: Date,
): Promise<StoredEvent[]> {
  if (!email || !followsLink(kind) || !inDeliveryWindow(startedAt.getTime() - email.sentAt.getTime())) return [];
  // Committed opens suffice: the pixel is answered only once its open is durable (pixel-open.ts),
  // so a person who saw the email and then clicks finds it stored. No flush here: it waits for an
  // idle queue, which a busy server may not have, and a click must redirect at once.
  return store.listOpensBetween(email.token, new Date(email.sentAt.getTime() - CLIENT_CLOCK_SKEW_MS), startedAt);
}
