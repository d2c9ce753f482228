// The PostgreSQL Store (DATABASE_URL): the same contract as the SQLite one, assembled from one
// module per area. Several Glint servers may share the database: what the classifier reads of an
// email's history is never cached per process (hit-state.ts, emails.ts, devices.ts), the webhook
// outbox and campaign sends are claimed row by row (SKIP LOCKED), subscriptions are announced by
// NOTIFY, and work that must run once takes a lease (leases.ts).
import type { Store } from '../store.ts';
import { accountQueries } from './accounts.ts';
import { campaignQueries } from './campaigns.ts';
import { campaignEditQueries } from './campaign-edits.ts';
import { openPostgres } from './database.ts';
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
import { SUBSCRIPTIONS_SQL, SubscriptionCache, toSubscriptionMap, type SubscriptionRow } from '../subscription-cache.ts';
import { salesforceQueries } from './salesforce.ts';
import { webhookQueries } from './webhooks.ts';
import { listenForSubscriptionChanges } from './subscription-listener.ts';

export interface PostgresStoreOptions {
  /** Largest group-commit batch (default 512). */
  maxBatch?: number;
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = await openPostgres(url);
  const subscriptions = new SubscriptionCache(
    async () => toSubscriptionMap(await db.query<SubscriptionRow>(SUBSCRIPTIONS_SQL)),
    SUBSCRIPTION_MAX_AGE_MS,
  );
  await subscriptions.reload();
  // Other servers on this database add webhooks too: their NOTIFY reloads this cache at once.
  const listener = await listenForSubscriptionChanges(url, () => void subscriptions.reload().catch(() => undefined));
  const { closeQueue, ...eventMethods } = eventQueries(db, { maxBatch: options.maxBatch ?? 512, subscriptions });
  let closed = false;
  return {
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
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeQueue();
      await listener.close();
      await db.close();
    },
  };
}
