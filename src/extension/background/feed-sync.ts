// Feed sync: pulls GET /api/v1/feed after the stored cursor into the feed database, as a
// long-poll loop while the service worker lives and as one-off runs from the alarm. Pure logic
// handed its database, storage and fetch; index.ts wires it to Chrome.
import { feedResponseSchema } from '../../shared/api-schemas.ts';
import { MessageError, type SyncStatus } from '../../shared/messages.ts';
import type { AuthState, AuthStorage } from '../data/auth-state.ts';
import { type FeedDb, type StoredFeedEvent } from '../data/feed-db.ts';
import { upsertFeedEvents } from '../data/feed-writes.ts';
import { readSyncState, writeSyncState } from '../data/sync-state.ts';
import { apiClient, type Fetch } from './api-client.ts';

export const LONG_POLL_SECONDS = 25;
const PAGE_SIZE = 100;
/** A first sync reads at most this many pages of history; older events stay on the server. */
const MAX_BACKFILL_PAGES = 20;
const BACKOFF_SECONDS = [2, 5, 15, 30, 60] as const;

export interface FeedSyncDeps {
  db: FeedDb;
  storage: AuthStorage;
  fetch: Fetch;
  /** New events, after they are stored. `backfill`: the first sync of a session (no notifications). */
  onAdded(events: StoredFeedEvent[], backfill: boolean): Promise<void>;
  /**
   * Events the server re-delivered with a new label (later evidence: a link sweep, a self view),
   * after they are stored. A human event turned machine or self no longer counts as unread, so
   * the badge must be refreshed; no notification.
   */
  onRelabelled?(events: StoredFeedEvent[]): Promise<void>;
  /** A pull that started at `startedAt` read the feed to its end (held-decisions.ts). */
  onSynced?(startedAt: Date): Promise<void>;
  /** Called before each sync with the signed-in state (device registration, header rule). */
  beforeSync?(auth: AuthState): Promise<void>;
  /** The server refused the token: the session is over. */
  onRejected(): Promise<void>;
  now(): Date;
  /** Waits between failed attempts; tests pass a resolved promise. */
  delay?(seconds: number, signal: AbortSignal): Promise<void>;
}

export type SyncOutcome = SyncStatus;

export class FeedSync {
  private running: Promise<SyncOutcome> | null = null;
  private loop: AbortController | null = null;

  private readonly deps: FeedSyncDeps;

  constructor(deps: FeedSyncDeps) {
    this.deps = deps;
  }

  /** Pulls everything new; waits up to `waitSeconds` for the first event. One run at a time. */
  syncOnce(waitSeconds = 0, signal?: AbortSignal): Promise<SyncOutcome> {
    this.running ??= this.pull(waitSeconds, signal).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Starts the long-poll loop unless it runs already. */
  startLongPoll(): void {
    if (this.loop && !this.loop.signal.aborted) return;
    const controller = new AbortController();
    this.loop = controller;
    void this.longPoll(controller.signal).finally(() => {
      if (this.loop === controller) this.loop = null;
    });
  }

  stopLongPoll(): void {
    this.loop?.abort();
    this.loop = null;
  }

  get isLongPolling(): boolean {
    return this.loop !== null;
  }

  /**
   * Pulls now (the popup's Retry): a long-poll loop waiting out its backoff (up to a minute) is
   * stopped, the run in flight allowed to end, then restarted after this pull.
   */
  async retryNow(): Promise<SyncOutcome> {
    const polling = this.isLongPolling;
    this.stopLongPoll();
    await this.running?.catch(() => undefined);
    const outcome = await this.syncOnce(0);
    if (polling) this.startLongPoll();
    return outcome;
  }

  private async longPoll(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      // Waits for a run started elsewhere (alarm, popup) before long-polling again.
      if (this.running) await this.running.catch(() => undefined);
      const outcome = await this.syncOnce(LONG_POLL_SECONDS, signal).catch(() => 'offline' as const);
      if (signal.aborted || outcome === 'signed-out') return;
      failures = outcome === 'ok' ? 0 : failures + 1;
      if (failures > 0) {
        const seconds = BACKOFF_SECONDS[Math.min(failures, BACKOFF_SECONDS.length) - 1] ?? 60;
        await (this.deps.delay ?? abortableDelay)(seconds, signal);
      }
    }
  }

  private async pull(waitSeconds: number, signal?: AbortSignal): Promise<SyncOutcome> {
    const { db, storage } = this.deps;
    const auth = await storage.auth.read();
    if (!auth) {
      await writeSyncState(db, { status: 'signed-out' });
      return 'signed-out';
    }
    try {
      await this.deps.beforeSync?.(auth);
      const startedAt = this.deps.now();
      let { cursor } = await readSyncState(db);
      const backfill = cursor === null;
      const api = apiClient(auth.serverUrl, this.deps.fetch);
      for (let page = 0; page < MAX_BACKFILL_PAGES; page += 1) {
        const response = await api.request({
          path: '/api/v1/feed',
          query: { cursor: cursor ?? undefined, wait: page === 0 && !backfill ? waitSeconds : 0, limit: PAGE_SIZE },
          apiToken: auth.apiToken,
          schema: feedResponseSchema,
          signal,
        });
        // Someone signed out while the request was held open: drop what it brought.
        if ((await storage.auth.read())?.apiToken !== auth.apiToken) return 'signed-out';
        const stored = await db.transaction('rw', db.events, db.emails, db.sync, async () => {
          // A fresh sign-in's history is not held: it is never notified anyway.
          const result = await upsertFeedEvents(db, response.events, backfill ? undefined : this.deps.now());
          await writeSyncState(db, {
            cursor: response.cursor,
            status: 'ok',
            lastError: null,
            lastErrorCode: null,
            lastSyncAt: this.deps.now().toISOString(),
          });
          return result;
        });
        cursor = response.cursor;
        if (stored.added.length > 0) await this.deps.onAdded(stored.added, backfill);
        if (stored.updated.length > 0) await this.deps.onRelabelled?.(stored.updated);
        if (!response.hasMore) break;
      }
      await this.deps.onSynced?.(startedAt);
      return 'ok';
    } catch (error) {
      if (signal?.aborted) return 'ok';
      return this.fail(error);
    }
  }

  private async fail(error: unknown): Promise<SyncOutcome> {
    const code = error instanceof MessageError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'signed-out') {
      await this.deps.onRejected();
      await writeSyncState(this.deps.db, { status: 'signed-out', lastError: message, lastErrorCode: code });
      return 'signed-out';
    }
    const status: SyncStatus = code === 'server-unreachable' ? 'offline' : 'server-error';
    await writeSyncState(this.deps.db, { status, lastError: message, lastErrorCode: code });
    return status;
  }
}

function abortableDelay(seconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
