// Starts and stops the tracking server: context (store, keys, feed hub) + HTTP app + listen; on
// PostgreSQL, the feed relay to the other instances on the same database.
// Mailbox watchers, the network-list refresh, the webhook delivery worker, the campaign scheduler,
// the orphan-hit expiry and the retention job start once it listens. Stopping ends them, releases
// long-polls, drains requests, commits queued events and closes the store.
import type { AddressInfo } from 'node:net';
import { CampaignScheduler } from './campaigns/campaign-scheduler.ts';
import { publicUrlOf, type ServerConfig } from './config.ts';
import { createContext, type ContextTuning, type ServerContext } from './context.ts';
import { startFeedRelay, type FeedRelay } from './cluster/feed-relay.ts';
import { DeliveryWorker } from './crm/delivery-worker.ts';
import { trustedMailCertificates } from './mail/trusted-certificates.ts';
import { buildApp } from './http/app.ts';
import type { GlintApp, RouteModule } from './http/app-types.ts';
import { startRetentionJob, type RetentionJob } from './privacy/retention-job.ts';

export interface RunningServer {
  app: GlintApp;
  context: ServerContext;
  /** Where the server listens, e.g. http://127.0.0.1:8787. */
  url: string;
  /** Base of pixel and click URLs (PUBLIC_URL, else `url`). */
  publicUrl: string;
  /** The scheduled purge of teams' expired events and document visits. */
  retention: RetentionJob;
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  extraRoutes: readonly RouteModule[] = [],
  tuning: ContextTuning = {},
): Promise<RunningServer> {
  let boundPort = config.port;
  const context = await createContext(config, () => publicUrlOf(config, boundPort), tuning);
  let app: GlintApp;
  let relay: FeedRelay | null = null;
  try {
    await context.keys.checkServerKey();
    await context.networkLists.load();
    app = await buildApp(context, extraRoutes);
    // Other instances on the same PostgreSQL database wake this one's long-polls, and it theirs.
    if (config.databaseUrl) relay = await startFeedRelay(config.databaseUrl, context.hub, app.log.child({ component: 'feed-relay' }));
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await relay?.close();
    await context.store.close();
    throw error;
  }
  boundPort = (app.server.address() as AddressInfo).port;
  if (config.mail.watch) await context.mailboxWatchers.start(app.log.child({ component: 'mailbox-watcher' }));
  context.networkLists.start(app.log.child({ component: 'network-lists' }));
  const deliveries = config.delivery.enabled
    ? new DeliveryWorker({
        store: context.store,
        box: context.box,
        config: config.delivery,
        log: app.log.child({ component: 'webhooks' }),
        salesforce: config.salesforce.app,
      })
    : null;
  deliveries?.start();
  const campaigns = config.campaigns.enabled
    ? new CampaignScheduler({
        sender: {
          store: context.store,
          box: context.box,
          signingKeyOf: (userId) => context.keys.forUser(userId),
          publicUrl: context.publicUrl,
          timeoutMs: config.campaigns.timeoutMs,
          trustedCertificates: trustedMailCertificates(config),
          hostPolicy: config.mail.hosts,
        },
        config: config.campaigns,
        log: app.log.child({ component: 'campaigns' }),
        hub: context.hub,
        ...(tuning.campaignClock ? { now: tuning.campaignClock } : {}),
      })
    : null;
  campaigns?.start();
  context.orphanExpiry.start(app.log.child({ component: 'orphan-expiry' }), config.cluster.leaseMs);
  const retention = startRetentionJob(
    context.store,
    config.retention.intervalMs,
    app.log.child({ component: 'retention' }),
    config.cluster.leaseMs,
  );
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    context,
    url: `http://${host}:${boundPort}`,
    publicUrl: context.publicUrl(),
    retention,
    close() {
      closing ??= (async () => {
        await context.mailboxWatchers.close();
        await context.networkLists.close();
        await deliveries?.stop();
        await campaigns?.stop();
        await context.orphanExpiry.close();
        await retention.close();
        await app.close();
        await relay?.close();
        await context.heldHits.close();
        await context.store.close();
      })();
      return closing;
    },
  };
}
