// The `sync` table of the feed database as one typed object (see feed-db.ts).
import type { FeedDb, SyncKey, SyncRow, SyncState } from './feed-db.ts';

export const INITIAL_SYNC_STATE: SyncState = {
  cursor: null,
  lastSyncAt: null,
  lastError: null,
  lastErrorCode: null,
  status: 'signed-out',
};

export async function readSyncState(db: FeedDb): Promise<SyncState> {
  const rows = await db.sync.toArray();
  const state: SyncState = { ...INITIAL_SYNC_STATE };
  for (const row of rows) assign(state, row);
  return state;
}

function assign<K extends SyncKey>(state: SyncState, row: SyncRow<K>): void {
  if (row.key in INITIAL_SYNC_STATE) state[row.key] = row.value;
}

/** Writes the given fields, leaves the others as they are. */
export async function writeSyncState(db: FeedDb, patch: Partial<SyncState>): Promise<void> {
  const rows = (Object.keys(patch) as SyncKey[]).map((key) => ({ key, value: patch[key] }) as SyncRow);
  await db.sync.bulkPut(rows);
}
