// Writes a campaign's feed events on SQLite from inside the transaction that moves the enrolment
// (the caller's immediate transaction holds the write lock, so seq order is commit order, as for
// mail events), with the webhook outbox rows some subscription may want.
import { INSERT_PARAMS_PER_ROW, pushInsertParams, type SqlValue } from '../event-insert-params.ts';
import type { CampaignSummaryRow } from '../rows/campaign-events.ts';
import type { SubscriptionCache } from '../subscription-cache.ts';
import type { NewEvent } from '../types.ts';
import type { SqliteDatabase } from './database.ts';
import { INSERT_EVENT_SQL } from './event-insert.ts';
import { ENQUEUE_CREATED_SQL } from './outbox.ts';

export interface CampaignEventWriter {
  /** The campaign's name and steps; a placeholder when it is gone, so the event still says what happened. */
  summaryOf(campaignId: string): CampaignSummaryRow;
  /** Inserts the event; call inside the transaction of the change it tells. */
  write(event: NewEvent): void;
}

export function campaignEventWriter(db: SqliteDatabase, subscriptions: SubscriptionCache): CampaignEventWriter {
  const summary = db.prepare<[string], CampaignSummaryRow>('SELECT name, steps_json FROM campaigns WHERE id = ?');
  const insert = db.prepare<[SqlValue[]], SqlValue[]>(INSERT_EVENT_SQL).raw(true);
  const enqueue = db.prepare<[{ id: string; now: number }]>(ENQUEUE_CREATED_SQL);
  return {
    summaryOf: (campaignId) => summary.get(campaignId) ?? { name: '', steps_json: '[]' },
    write(event) {
      const values: SqlValue[] = [];
      pushInsertParams(values, event);
      if (values.length !== INSERT_PARAMS_PER_ROW) throw new Error('unexpected event insert parameters');
      insert.get(values);
      if (subscriptions.mayWant(event)) {
        enqueue.run({ id: event.id, now: Date.now() });
        // After the commit: the worker's claim must see the row.
        setImmediate(() => subscriptions.queued());
      }
    },
  };
}
