// What ingestion and the later relabelling need from the server: the store, the feed hub that
// wakes waiting readers, and (for tests) the clock. Its own module so the relabellers that
// ingestEvent() calls do not import ingest-event.ts back.
import type { Store } from '../store/store.ts';
import type { FeedHub } from './feed-hub.ts';

export interface IngestDeps {
  store: Store;
  hub: FeedHub;
  now?: () => Date;
}
