// Live reads of the feed database for the popup. Each hook is one Dexie liveQuery: when the
// background writes (another context), Dexie's BroadcastChannel wakes it and React re-renders.
import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { type EmailRow, type FeedDb, type StoredFeedEvent, type SyncState } from '../data/feed-db.ts';
import { countUnread } from '../data/feed-writes.ts';
import { readSyncState } from '../data/sync-state.ts';
import { CAMPAIGN_KINDS, campaignStates, type CampaignState } from './campaign-state.ts';
import { isEmailVisible, selectedKinds, type FeedView } from './feed-filters.ts';

/** How many emails the popup reads first; scrolling near the end asks for twice as many. */
export const FIRST_PAGE = 300;

export interface VisibleEmails {
  emails: EmailRow[];
  /** False while older emails exist beyond `limit`. */
  complete: boolean;
}

/**
 * Emails with something to show for `view`, newest activity first, at most `limit` of them
 * (read through the index with a cursor, so the first paint and every live update cost the
 * same with 100 emails or 10,000); undefined while loading.
 */
export function useVisibleEmails(db: FeedDb, view: FeedView, limit: number): VisibleEmails | undefined {
  return useLiveQuery(async () => {
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
    const rows = await db.emails
      .orderBy(view.showMachine ? 'lastEventAt' : 'lastActivityAt')
      .reverse()
      .filter((row) => isEmailVisible(row, view, machineTokens))
      .limit(limit + 1)
      .toArray();
    return { emails: rows.slice(0, limit), complete: rows.length <= limit };
  }, [db, view, limit]);
}

/** Whether the database holds any email at all (tells "empty" from "filtered out"). */
export function useHasAnyEmail(db: FeedDb): boolean | undefined {
  return useLiveQuery(async () => (await db.emails.count()) > 0, [db]);
}

/** Every event of the expanded emails, newest first, by email token. */
export function useExpandedEvents(db: FeedDb, expanded: ReadonlySet<string>): Map<string, StoredFeedEvent[]> {
  const result = useLiveQuery(async () => {
    const tokens = [...expanded];
    const lists = await Promise.all(
      tokens.map((token) => db.events.where('[emailToken+at]').between([token, Dexie.minKey], [token, Dexie.maxKey]).reverse().toArray()),
    );
    return new Map(tokens.map((token, index) => [token, lists[index] ?? []]));
  }, [db, expanded]);
  return result ?? EMPTY_EVENTS;
}
const EMPTY_EVENTS = new Map<string, StoredFeedEvent[]>();

/** Where each email's follow-ups stand, from the campaign events (few: one per step or stop). */
export function useCampaignStates(db: FeedDb): ReadonlyMap<string, CampaignState[]> {
  return useLiveQuery(async () => campaignStates(await db.events.where('kind').anyOf(CAMPAIGN_KINDS).toArray()), [db]) ?? NO_CAMPAIGNS;
}
const NO_CAMPAIGNS = new Map<string, CampaignState[]>();

export function useSyncState(db: FeedDb): SyncState | undefined {
  return useLiveQuery(() => readSyncState(db), [db]);
}

/**
 * Unread human events (the header's "N new"). IndexedDB counts by walking the index, ~0.1 s
 * for 10,000 unread events, and would hold up the first page of emails: pass `enabled` once
 * the list is on screen.
 */
export function useUnreadCount(db: FeedDb, enabled: boolean): number {
  return useLiveQuery(() => (enabled ? countUnread(db) : 0), [db, enabled]) ?? 0;
}
