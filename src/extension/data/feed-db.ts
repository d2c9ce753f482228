/**
 * The feed database (IndexedDB through Dexie), shared by the service worker and the popup.
 *
 * Writer: the background service worker only (feed sync, mark-read, retention, sign-out).
 * Readers: the popup (useLiveQuery) and the badge. The popup changes nothing directly; it asks
 * the background through src/shared/messages.ts (e.g. `feed.markAllRead`).
 *
 * Tables
 * - `events`  one row per feed event (FeedEvent from src/shared/api-schemas.ts, as the server
 *             sent it) plus `emailToken` (copy of event.email.token, for the index) and `read`
 *             (0 | 1: IndexedDB cannot index booleans). Primary key `id`; an event the server
 *             re-delivers after relabelling replaces the old row and keeps its read flag.
 *             Only human events start unread, but not repeat opens, nor the quiet kinds
 *             (auto_reply, bounce: QUIET_KINDS in feed-writes.ts); a reply does.
 *             `decideAt` (indexed) is set while a person's click is held for a link sweep
 *             (held-clicks.ts): neither counted nor notified until the worker decides it.
 * - `emails`  one row per tracked email seen in the feed, keyed by `token`: the email summary,
 *             counts per kind of HUMAN events (held clicks apart, in checkingCount), unread
 *             human events, machine events, and
 *             `lastActivityAt` (latest human event but the quiet kinds, else sentAt) for
 *             newest-first lists.
 *             Recomputed from `events` by every write helper; never written by hand.
 * - `sync`    key/value rows of the sync state: cursor, lastSyncAt, lastError, status.
 *
 * Cursors are opaque strings from the server (sealed, bound to the user): store and send them back
 * as they are; only bare numbers of older servers compare with compareCursors().
 */
import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { FeedEvent } from '../../shared/api-schemas.ts';
import type { EventKind } from '../../shared/event-model.ts';
import type { MessageErrorCode, SyncStatus } from '../../shared/messages.ts';

export const FEED_DB_NAME = 'glint-feed';

export interface StoredFeedEvent extends FeedEvent {
  emailToken: string;
  read: 0 | 1;
  /**
   * While a person's click is held for a link sweep: when (this browser's clock, ISO 8601) the
   * worker decides it with a feed read started after then. Absent once decided.
   */
  decideAt?: string;
}

export type KindCounts = Record<EventKind, number>;

export interface EmailRow {
  token: string;
  subject: string;
  to: string[];
  cc: string[];
  sentAt: string;
  gmailThreadId: string | null;
  /** Latest human event (a reply included, auto-replies and bounces not), else sentAt: the sort key of the popup's list. */
  lastActivityAt: string;
  /** Latest event of any label but self, else sentAt (for "show machine activity"). */
  lastEventAt: string;
  /** Human events per kind (repeat opens included: they are real reads). */
  counts: KindCounts;
  unreadCount: number;
  machineCount: number;
  /** Human clicks still held for a link sweep (held-clicks.ts); absent in rows written before. */
  checkingCount?: number;
}

export interface SyncState {
  /** Last feed cursor stored; null before the first sync. */
  cursor: string | null;
  lastSyncAt: string | null;
  /** What went wrong on the last attempt, in the words it came with; null after a success. */
  lastError: string | null;
  /** Its kind, so the popup can say it in the rep's language; null after a success. */
  lastErrorCode: MessageErrorCode | null;
  status: SyncStatus;
}

export type SyncKey = keyof SyncState;

export interface SyncRow<K extends SyncKey = SyncKey> {
  key: K;
  value: SyncState[K];
}

export class FeedDb extends Dexie {
  events!: EntityTable<StoredFeedEvent, 'id'>;
  emails!: EntityTable<EmailRow, 'token'>;
  sync!: EntityTable<SyncRow, 'key'>;

  constructor(name: string = FEED_DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      events: 'id, cursor, at, emailToken, kind, label, [label+read], [emailToken+at]',
      emails: 'token, lastActivityAt, lastEventAt, sentAt',
      sync: 'key',
    });
    // Held clicks (held-clicks.ts) are found by the time they are decided.
    this.version(2).stores({ events: 'id, cursor, at, emailToken, kind, label, [label+read], [emailToken+at], decideAt' });
  }
}

/** Opens (lazily) the extension's feed database; one instance per page or worker. */
let shared: FeedDb | null = null;
export function feedDb(): FeedDb {
  shared ??= new FeedDb();
  return shared;
}

/** Orders decimal cursor strings numerically ("10" after "9"). */
export function compareCursors(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

