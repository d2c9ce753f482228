// Which users' teams have webhook endpoints, and for which event kinds: read once and kept in
// memory, so an event of a team without webhooks costs no query at all (the pixel's hot path).
// Only when this says "maybe" does an event write run the outbox INSERT, whose SQL decides for
// good inside the event's transaction. Changes made through this process refresh it at once;
// changes made by another process (a second server on PostgreSQL) are seen within `maxAgeMs`.
import type { NewEvent } from './types.ts';

/** user id -> event kinds some endpoint of the user's team wants. */
export type SubscriptionMap = ReadonlyMap<string, ReadonlySet<string>>;

export interface SubscriptionRow {
  user_id: string;
  kinds: string;
}

export function toSubscriptionMap(rows: readonly SubscriptionRow[]): SubscriptionMap {
  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    const kinds = map.get(row.user_id) ?? new Set<string>();
    for (const kind of row.kinds.split(',')) if (kind) kinds.add(kind);
    map.set(row.user_id, kinds);
  }
  return map;
}

/** Every user of a team that has an endpoint, with the endpoint's kinds (one row per pair). */
export const SUBSCRIPTIONS_SQL = 'SELECT u.id AS user_id, w.kinds FROM crm_endpoints w JOIN users u ON u.team_id = w.team_id';

export class SubscriptionCache {
  private map: SubscriptionMap = new Map();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;
  private readonly load: () => SubscriptionMap | Promise<SubscriptionMap>;
  private readonly maxAgeMs: number;
  private readonly listeners = new Set<() => void>();

  constructor(load: () => SubscriptionMap | Promise<SubscriptionMap>, maxAgeMs: number) {
    this.load = load;
    this.maxAgeMs = maxAgeMs;
  }

  /**
   * Whether an event may be wanted by a webhook. New events are delivered when human; a relabel
   * (`anyLabel`) whatever its label. An event whose owner is not known yet may still be attached
   * by its INSERT, so it is a "maybe" whenever any endpoint exists.
   */
  mayWant(event: Pick<NewEvent, 'userId' | 'kind' | 'label'>, anyLabel = false): boolean {
    this.refreshIfOld();
    if (!anyLabel && event.label !== 'human') return false;
    if (event.userId === null) return this.map.size > 0;
    return this.map.get(event.userId)?.has(event.kind) ?? false;
  }

  /** Called after a commit that may have queued deliveries: wakes this process's delivery worker. */
  queued(): void {
    for (const listener of this.listeners) listener();
  }

  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the subscriptions now (after a change made through this process). */
  async reload(): Promise<void> {
    const started = Date.now();
    this.map = await this.load();
    this.loadedAt = started;
  }

  private refreshIfOld(): void {
    if (Date.now() - this.loadedAt < this.maxAgeMs || this.loading) return;
    const loaded = this.load();
    if (loaded instanceof Promise) {
      // PostgreSQL: the hit goes on with what is known; the next ones see the fresh map.
      this.loading = loaded
        .then((map) => {
          this.map = map;
          this.loadedAt = Date.now();
        })
        .catch(() => undefined)
        .finally(() => {
          this.loading = null;
        });
    } else {
      this.map = loaded;
      this.loadedAt = Date.now();
    }
  }
}
