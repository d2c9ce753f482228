// The SQLite Store: one database file under DATA_DIR, assembled from one module per area.
import type { Store } from '../store.ts';
import { accountQueries } from './accounts.ts';
import { campaignQueries } from './campaigns.ts';
import { campaignEditQueries } from './campaign-edits.ts';
import { openDatabase } from './database.ts';
import { deviceQueries } from './devices.ts';
import { conversionQueueQueries } from './conversion-queue.ts';
import { documentQueries } from './documents.ts';
import { emailQueries } from './emails.ts';
import { eventQueries } from './events.ts';
import { leaseQueries } from './leases.ts';
import { orphanHitQueries } from './orphan-hits.ts';
import { mailboxQueries } from './mailboxes.ts';
import { privacyQueries } from './privacy.ts';
import { teamNetworkQueries } from './team-networks.ts';
import { SUBSCRIPTION_MAX_AGE_MS } from '../cache-sizes.ts';
import { hitStateThrough } from '../hit-state.ts';
import { SUBSCRIPTIONS_SQL, SubscriptionCache, toSubscriptionMap, type SubscriptionRow } from '../subscription-cache.ts';
import { salesforceQueries } from './salesforce.ts';
import { webhookQueries } from './webhooks.ts';

export interface SqliteStoreOptions {
  /** Largest group-commit batch (default 512). */
  maxBatch?: number;
  /** FULL (default): durable across power loss. NORMAL: across process crashes only. */
  synchronous?: 'FULL' | 'NORMAL';
}

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): Store {
  const synchronous = options.synchronous ?? 'FULL';
  const db = openDatabase(dataDir, synchronous);
  const subscriptionRows = db.prepare<[], SubscriptionRow>(SUBSCRIPTIONS_SQL);
  const subscriptions = new SubscriptionCache(() => toSubscriptionMap(subscriptionRows.all()), SUBSCRIPTION_MAX_AGE_MS);
  const events = eventQueries(db, { maxBatch: options.maxBatch ?? 512, synchronous, subscriptions });
  const { closeQueue, ...eventMethods } = events;
  let closed = false;
  const parts = {
    ...accountQueries(db),
    ...deviceQueries(db),
    ...emailQueries(db),
    ...documentQueries(db),
    ...conversionQueueQueries(db),
    ...mailboxQueries(db),
    ...teamNetworkQueries(db),
    ...webhookQueries(db, subscriptions),
    ...salesforceQueries(db, subscriptions),
    ...campaignQueries(db, subscriptions),
    ...campaignEditQueries(db),
    ...privacyQueries(db),
    ...leaseQueries(db),
    ...orphanHitQueries(db),
    ...eventMethods,
  };
  return {
    ...parts,
    readHitState: (query) => hitStateThrough(parts, query),
    // Throws once the database is closed (better-sqlite3: "The database connection is not open").
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeQueue();
      db.close();
    },
  };
}
