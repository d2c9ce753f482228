// The PostgreSQL Store (DATABASE_URL): the same contract as the SQLite one, assembled from one
// module per area. Its caches assume, as SQLite's do, that one Glint server uses the database
// (the CLI may add users and teams beside it).
import type { Store } from '../store.ts';
import { accountQueries } from './accounts.ts';
import { openPostgres } from './database.ts';
import { deviceQueries } from './devices.ts';
import { documentQueries } from './documents.ts';
import { emailQueries } from './emails.ts';
import { eventQueries } from './events.ts';
import { mailboxQueries } from './mailboxes.ts';
import { privacyQueries } from './privacy.ts';
import { teamNetworkQueries } from './team-networks.ts';

export interface PostgresStoreOptions {
  /** Largest group-commit batch (default 512). */
  maxBatch?: number;
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = await openPostgres(url);
  const { closeQueue, ...eventMethods } = eventQueries(db, { maxBatch: options.maxBatch ?? 512 });
  let closed = false;
  return {
    ...accountQueries(db),
    ...deviceQueries(db),
    ...emailQueries(db),
    ...documentQueries(db),
    ...mailboxQueries(db),
    ...teamNetworkQueries(db),
    ...privacyQueries(db),
    ...eventMethods,
    async close() {
      if (closed) return;
      closed = true;
      await closeQueue();
      await db.close();
    },
  };
}
