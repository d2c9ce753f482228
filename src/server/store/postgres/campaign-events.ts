// Writes a campaign's feed events on PostgreSQL from inside the transaction that moves the
// enrolment: it takes the event-write lock first (seq order is commit order, as for mail events)
// and queues the webhook deliveries some subscription may want.
import type { CampaignSummaryRow } from '../rows/campaign-events.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import type { NewEvent } from '../types.ts';
import { lockEventWrites, type PgQueryable } from './database.ts';
import { insertEvents } from './event-insert.ts';
import { enqueueCreated } from './outbox.ts';

/** The campaign's name and steps; a placeholder when it is gone, so the event still says what happened. */
export async function campaignSummary(tx: PgQueryable, campaignId: string): Promise<CampaignSummaryRow> {
  const [row] = await tx.query<CampaignSummaryRow>('SELECT name, steps_json FROM campaigns WHERE id = $1', [campaignId]);
  return row ?? { name: '', steps_json: '[]' };
}

/** Inserts the event; call inside the transaction of the change it tells, after its row locks. */
export async function writeCampaignEvent(tx: PgQueryable, subscriptions: SubscriptionCache, event: NewEvent): Promise<void> {
  await lockEventWrites(tx);
  const { sql, params } = insertEvents([event]);
  await tx.query(sql, params);
  await enqueueCreated(tx, subscriptions, [event]);
}
