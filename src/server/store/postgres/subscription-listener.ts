// Several servers may share one PostgreSQL database: a webhook added or removed through one must
// be seen by the others before their next event, not only at the cache's periodic refresh. The
// writer sends NOTIFY on a channel; each store LISTENs on a connection of its own and reloads.
// A lost listening connection is harmless (the periodic refresh still runs) and is not retried.
import pg from 'pg';
import type { PgQueryable } from './database.ts';

const CHANNEL = 'glint_webhook_subscriptions';

/** Tells every listening store (the others' and this one's) that the subscriptions changed. */
export async function announceSubscriptionChange(db: PgQueryable): Promise<void> {
  await db.query(`SELECT pg_notify('${CHANNEL}', '')`);
}

export async function listenForSubscriptionChanges(url: string, onChange: () => void): Promise<{ close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  client.on('notification', () => onChange());
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  return { close: () => client.end().catch(() => undefined) };
}
