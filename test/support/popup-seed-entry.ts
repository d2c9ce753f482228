// Bundled by popup-seed.ts and evaluated inside the extension (service worker or page):
// writes the feed database with the SAME helpers the background uses, so Dexie's cross-context
// notification reaches an open popup exactly as a real background write does.
import type { FeedEvent } from '../../src/shared/api-schemas.ts';
import { FeedDb, type SyncState } from '../../src/extension/data/feed-db.ts';
import { clearFeed, upsertFeedEvents } from '../../src/extension/data/feed-writes.ts';
import { writeSyncState } from '../../src/extension/data/sync-state.ts';

export interface PopupSeed {
  upsert(events: FeedEvent[]): Promise<number>;
  sync(patch: Partial<SyncState>): Promise<void>;
  clear(): Promise<void>;
}

const db = new FeedDb();
const seed: PopupSeed = {
  upsert: async (events) => (await upsertFeedEvents(db, events)).added.length,
  sync: (patch) => writeSyncState(db, patch),
  clear: () => clearFeed(db),
};
(globalThis as unknown as { glintSeed: PopupSeed }).glintSeed = seed;
