// What the service worker does for each message of src/shared/messages.ts, on top of the pure
// auth and sync logic: Chrome side effects (header rule, badge, tabs) happen here.
import { MessageError, type AuthStatus } from '../../shared/messages.ts';
import { type FeedDb } from '../data/feed-db.ts';
import { markAllRead, markEmailRead } from '../data/feed-writes.ts';
import { authStatus, listDevices, renameDevice, signIn, signOut, type AuthDeps } from './auth.ts';
import { refreshBadge } from './badge.ts';
import { installDeviceHeaderFor, removeDeviceHeader } from './device-header.ts';
import type { FeedSync } from './feed-sync.ts';
import { gmailUrlFor } from './notifications.ts';
import type { CampaignMessageName } from './campaign-handlers.ts';
import type { ComposeMessageName } from './compose-handlers.ts';
import type { MailboxMessageName } from './mailbox-handlers.ts';
import type { MessageHandlers } from './router.ts';
import type { TeamNetworkMessageName } from './team-network-handlers.ts';
import type { WebhookMessageName } from './webhook-handlers.ts';
import type { SalesforceMessageName } from './salesforce-handlers.ts';

export interface BackgroundContext {
  deps: AuthDeps & { db: FeedDb };
  sync: FeedSync;
}

/**
 * The compose side's messages are answered by createComposeHandlers (compose-handlers.ts), the
 * mailbox's by createMailboxHandlers (mailbox-handlers.ts), the team networks' by
 * createTeamNetworkHandlers (team-network-handlers.ts), the webhooks' by createWebhookHandlers,
 * the campaigns' by createCampaignHandlers (campaign-handlers.ts),
 * Salesforce's by createSalesforceHandlers.
 */
export function createHandlers({
  deps,
  sync,
}: BackgroundContext): Omit<
  MessageHandlers,
  ComposeMessageName | MailboxMessageName | TeamNetworkMessageName | WebhookMessageName | CampaignMessageName | SalesforceMessageName
> {
  const status = (): Promise<AuthStatus> => authStatus(deps);
  return {
    'auth.status': status,
    'auth.signIn': async (request) => {
      sync.stopLongPoll();
      const auth = await signIn(deps, request);
      const device = await deps.storage.device.read();
      if (device) await installDeviceHeaderFor(auth, device.deviceId, deps.hasHostPermission);
      await refreshBadge(deps.db);
      sync.startLongPoll();
      return status();
    },
    'auth.signOut': async () => {
      sync.stopLongPoll();
      await signOut(deps);
      await removeDeviceHeader();
      await refreshBadge(deps.db);
      return status();
    },
    'devices.list': async () => {
      const [devices, device] = await Promise.all([listDevices(deps), deps.storage.device.read()]);
      return { thisDeviceId: device?.deviceId ?? '', devices };
    },
    'devices.renameThis': async ({ name }) => {
      await renameDevice(deps, name);
      return status();
    },
    'feed.syncNow': async () => {
      await sync.retryNow();
      return status();
    },
    'feed.markAllRead': async () => {
      await markAllRead(deps.db);
      return { unread: await refreshBadge(deps.db) };
    },
    'feed.markEmailRead': async ({ emailToken }) => {
      await markEmailRead(deps.db, emailToken);
      return { unread: await refreshBadge(deps.db) };
    },
    'feed.openEmail': async ({ emailToken }) => {
      const email = await deps.db.emails.get(emailToken);
      if (!email) throw new MessageError('invalid-request', 'Unknown email');
      const auth = await deps.storage.auth.read();
      await chrome.tabs.create({ url: gmailUrlFor(email, auth?.user.email ?? null) });
      return { opened: true };
    },
  };
}
