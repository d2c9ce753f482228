// readHitState() from a store's single-purpose reads: SQLite's, whose caches are exact because one
// process writes its database (PostgreSQL answers with one statement, postgres/hit-state.ts).
import type { HitState, HitStateQuery } from './hit-state-store.ts';
import type { DeviceStore, EmailStore, EventStore } from './store.ts';

type HitStateReads = Pick<EmailStore, 'getEmail' | 'listSelfViews'> &
  Pick<DeviceStore, 'listDeviceIds'> &
  Pick<EventStore, 'listRecentClicks' | 'lastHumanOpen'>;

export async function hitStateThrough(store: HitStateReads, query: HitStateQuery): Promise<HitState> {
  const email = await store.getEmail(query.token);
  const ownerId = email?.userId ?? query.signerUserId;
  const { clicks, humanOpenSince } = query;
  const [ownerDevices, selfViews, priorClicks, lastHumanOpenAt] = await Promise.all([
    ownerId ? store.listDeviceIds(ownerId) : Promise.resolve([]),
    ownerId ? store.listSelfViews(query.token, ownerId, query.selfViewsSince) : Promise.resolve([]),
    clicks ? store.listRecentClicks(query.token, clicks.since, clicks.limit) : Promise.resolve([]),
    humanOpenSince ? store.lastHumanOpen(query.token, humanOpenSince) : Promise.resolve(null),
  ]);
  return { email, ownerId, ownerDevices, selfViews, priorClicks, lastHumanOpenAt };
}
