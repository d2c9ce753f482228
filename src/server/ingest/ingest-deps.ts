// What ingestion and the later relabelling need from the server: the store, the feed hub that
// wakes waiting readers, the teams' allow-listed networks (cached), the bounds on orphan hits, and (for tests) the clock. Its own module so the relabellers that
// ingestEvent() calls do not import ingest-event.ts back.
import type { Store } from '../store/store.ts';
import type { FeedHub } from './feed-hub.ts';
import type { OrphanLimits } from './orphans/orphan-limits.ts';
import type { TeamNetworkCache } from './team-network-cache.ts';

export interface IngestDeps {
  store: Store;
  hub: FeedHub;
  teamNetworks: TeamNetworkCache;
  /** Bounds on stored hits of unregistered tokens (the server's); none: every such hit is stored. */
  orphans?: OrphanLimits;
  now?: () => Date;
}
