// Live reads of the feed database for the popup. Each hook is one Dexie liveQuery: when the
// background writes (another context), Dexie's BroadcastChannel wakes it and React re-renders.
import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { countUnread, readSyncState, type EmailRow, type FeedDb, type StoredFeedEvent, type SyncState } from '../data/feed-db.ts';
import { isEmailVisible, selectedKinds, type FeedView } from './feed-filters.ts';

/** Emails with something to show for `view`, newest activity first; undefined while loading. */
export function useVisibleEmails(db: FeedDb, view: FeedView): EmailRow[] | undefined {
  return useLiveQuery(async () => {
    const rows = await db.emails.orderBy(view.showMachine ? 'lastEventAt' : 'lastActivityAt').reverse().toArray();
    const kinds = selectedKinds(view.filters);
    let machineTokens = new Set<string>();
    if (view.showMachine && kinds !== null) {
      const machine = await db.events
        .where('label')
        .equals('machine')
        .filter((event) => kinds.has(event.kind))
        .toArray();
      machineTokens = new Set(machine.map((event) => event.emailToken));
    }
    return rows.filter((row) => isEmailVisible(row, view, machineTokens));
  }, [db, view]);
}

/** Whether the database holds any email at all (tells "empty" from "filtered out"). */
export function useHasAnyEmail(db: FeedDb): boolean | undefined {
  return useLiveQuery(async () => (await db.emails.count()) > 0, [db]);
}

/** Every event of the expanded emails, newest first, by email token. */
export function useExpandedEvents(db: FeedDb, expanded: ReadonlySet<string>): Map<string, StoredFeedEvent[]> {
  const result = useLiveQuery(
    async () => {
      const tokens = [...expanded];
      const lists = await Promise.all(
        tokens.map((token) =>
          db.events.where('[emailToken+at]').between([token, Dexie.minKey], [token, Dexie.maxKey]).reverse().toArray(),
        ),
      );
      return new Map(tokens.map((token, index) => [token, lists[index] ?? []]));
    },
    [db, expanded],
  );
  return result ?? EMPTY_EVENTS;
}
const EMPTY_EVENTS = new Map<string, StoredFeedEvent[]>();

export function useSyncState(db: FeedDb): SyncState | undefined {
  return useLiveQuery(() => readSyncState(db), [db]);
}

export function useUnreadCount(db: FeedDb): number {
  return useLiveQuery(() => countUnread(db), [db]) ?? 0;
}
