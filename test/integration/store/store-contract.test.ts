// The Store contract (src/server/store/store.ts, document-store.ts, conversion-queue-store.ts, mailbox-store.ts, team-network-store.ts, webhook-store.ts, salesforce-store.ts, campaign-store.ts, campaign-edit-store.ts, privacy-store.ts, hit-state-store.ts, lease-store.ts, orphan-hit-store.ts, and ping()): one suite, run against every
// implementation. SQLite is the reference; PostgreSQL runs in a throwaway cluster started for this
// file (test/support/postgres.ts), which fails loudly when PostgreSQL is not installed.
// Every test starts from an empty database holding the accounts of records.ts.
import { describe } from 'vitest';
import { accountContract } from './contract-accounts.ts';
import { campaignClaimCheckContract } from './contract-campaign-claim-checks.ts';
import { campaignSendContract } from './contract-campaign-sends.ts';
import { campaignStopContract } from './contract-campaign-stops.ts';
import { campaignEditContract } from './contract-campaign-edits.ts';
import { campaignContract } from './contract-campaigns.ts';
import { conversionQueueContract } from './contract-conversion-queue.ts';
import { documentContract } from './contract-documents.ts';
import { emailContract } from './contract-emails.ts';
import { eventContract } from './contract-events.ts';
import { feedContract } from './contract-feed.ts';
import { hitStateContract } from './contract-hit-state.ts';
import { leaseContract } from './contract-leases.ts';
import { mailEventContract } from './contract-mail-events.ts';
import { mailWatchContract } from './contract-mail-watch.ts';
import { mailboxContract } from './contract-mailboxes.ts';
import { orphanHitContract } from './contract-orphan-hits.ts';
import { pingContract } from './contract-ping.ts';
import { privacyContract } from './contract-privacy.ts';
import { teamNetworkContract } from './contract-team-networks.ts';
import { STORE_FACTORIES, useStore } from './store-harness.ts';
import { webhookContract } from './contract-webhooks.ts';
import { salesforceContract } from './contract-salesforce.ts';

describe.each(STORE_FACTORIES.map((factory) => [factory.name, factory] as const))('Store contract on %s', (_name, factory) => {
  const context = useStore(factory);
  accountContract(context);
  emailContract(context);
  eventContract(context);
  hitStateContract(context);
  feedContract(context);
  documentContract(context);
  conversionQueueContract(context);
  mailboxContract(context);
  mailWatchContract(context);
  mailEventContract(context);
  teamNetworkContract(context);
  webhookContract(context);
  salesforceContract(context);
  campaignContract(context);
  campaignSendContract(context);
  campaignStopContract(context);
  campaignClaimCheckContract(context);
  campaignEditContract(context);
  privacyContract(context);
  leaseContract(context);
  orphanHitContract(context);
  pingContract(context);
});
