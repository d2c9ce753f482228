// How a Salesforce connection and its skipped addresses are shown to the team: never the token.
import { SALESFORCE_ENGAGEMENT_KINDS, type SalesforceConnectionView, type SalesforceSkipView } from '../../shared/salesforce-api.ts';
import type { SalesforceConnectionRecord, SalesforceSkip } from '../store/store.ts';

const isEngagement = (kind: string): kind is (typeof SALESFORCE_ENGAGEMENT_KINDS)[number] =>
  (SALESFORCE_ENGAGEMENT_KINDS as readonly string[]).includes(kind);

export function presentSalesforceConnection(connection: SalesforceConnectionRecord): SalesforceConnectionView {
  return {
    instanceUrl: connection.instanceUrl,
    account: connection.account,
    state: connection.state,
    stateReason: connection.stateReason,
    consecutiveFailures: connection.consecutiveFailures,
    engagement: connection.kinds.filter(isEngagement),
    createLeads: connection.createLeads,
    connectedAt: connection.connectedAt.toISOString(),
    pending: connection.pendingDeliveries,
  };
}

export function presentSalesforceSkip(skip: SalesforceSkip): SalesforceSkipView {
  return {
    address: skip.address,
    lastKind: skip.lastKind,
    times: skip.times,
    firstAt: skip.firstAt.toISOString(),
    lastAt: skip.lastAt.toISOString(),
  };
}
