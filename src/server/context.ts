// Everything a request handler may use, built once per server (and by the CLI for direct store
// work). Handlers receive it explicitly; nothing is global.
import { LINK_SWEEP_HOLD_MS } from '../shared/tracking-config.ts';
import { SigningKeys } from './accounts/signing-keys.ts';
import { SignInThrottles } from './accounts/sign-in-throttle.ts';
import type { ServerConfig } from './config.ts';
import { createDocsContext, type DocsContext } from './docs/docs-context.ts';
import { FeedHub } from './ingest/feed-hub.ts';
import { HeldHits } from './ingest/held/held-hits.ts';
import { NetworkLists } from './ingest/network-lists/network-lists.ts';
import { OrphanExpiry } from './ingest/orphans/orphan-expiry.ts';
import { OrphanLimits } from './ingest/orphans/orphan-limits.ts';
import { TeamNetworkCache } from './ingest/team-network-cache.ts';
import { trustedMailCertificates } from './mail/trusted-certificates.ts';
import { MailboxWatchers } from './mail/watch/mailbox-watchers.ts';
import { DEFAULT_RECONNECT } from './mail/watch/reconnect-delay.ts';
import { DEFAULT_WATCHER_IMAP } from './mail/watch/watcher-deps.ts';
import { createSecretBox, type SecretBox } from './security/secret-box.ts';
import { loadServerKey } from './security/server-key.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export interface ServerContext {
  config: ServerConfig;
  store: Store;
  box: SecretBox;
  keys: SigningKeys;
  hub: FeedHub;
  /** Each team's allow-listed networks, compiled for ingestion; the API drops a team's on change. */
  teamNetworks: TeamNetworkCache;
  signInThrottles: SignInThrottles;
  /** Files, conversions and reader limits of tracked documents. */
  docs: DocsContext;
  /** One IMAP watcher per connected mailbox; started by a running server only. */
  mailboxWatchers: MailboxWatchers;
  /** The PEM of MAILBOX_CA_FILE, read once at start; undefined: the system's certificates only. */
  mailCertificates: string | undefined;
  /** The clouds' and people's network lists the classifier reads; refreshed by a running server. */
  networkLists: NetworkLists;
  /** Bounds on stored hits of unregistered tokens; their expiry is run by a running server. */
  orphans: OrphanLimits;
  orphanExpiry: OrphanExpiry;
  /** Opens and clicks answered while the store cannot write, written once it can. */
  heldHits: HeldHits;
  /** Base of pixel and click URLs; known once the server listens (PORT=0 picks the port). */
  publicUrl: () => string;
  /** How long the feed calls a person's click of a multi-link email checking (LINK_SWEEP_HOLD_MS). */
  linkSweepHoldMs: number;
}

/** Settings that are not the operator's to change; tests shorten them to keep their runs short. */
export interface ContextTuning {
  linkSweepHoldMs?: number | undefined;
  /** The campaign scheduler's clock (due steps, pacing windows), moved by tests instead of waiting. */
  campaignClock?: (() => Date) | undefined;
}

export async function createContext(config: ServerConfig, publicUrl: () => string, tuning: ContextTuning = {}): Promise<ServerContext> {
  const box = createSecretBox(loadServerKey(config.dataDir, config.secretKey));
  const store = await openStore(config);
  const hub = new FeedHub();
  const teamNetworks = new TeamNetworkCache(store);
  const orphans = new OrphanLimits(store, config.orphans);
  const mailCertificates = trustedMailCertificates(config);
  return {
    config,
    store,
    box,
    keys: new SigningKeys(store, box),
    hub,
    teamNetworks,
    mailCertificates,
    mailboxWatchers: new MailboxWatchers(
      {
        store,
        hub,
        teamNetworks,
        box,
        now: () => new Date(),
        imap: {
          ...DEFAULT_WATCHER_IMAP,
          timeoutMs: config.mail.testTimeoutMs,
          trustedCertificates: mailCertificates,
          hostPolicy: config.mail.hosts,
          sentCheckMs: config.mail.sentCheckMs,
        },
        reconnect: { ...DEFAULT_RECONNECT, maxMs: config.mail.reconnectMaxMs },
        autoReplyPauseDays: config.campaigns.autoReplyPauseDays,
      },
      config.cluster.leaseMs,
      // One server per SQLite database: its leases are its own across a restart.
      config.databaseUrl ? undefined : 'watchers-sqlite',
    ),
    signInThrottles: new SignInThrottles(),
    docs: createDocsContext(config),
    networkLists: new NetworkLists({ dataDir: config.dataDir, config: config.networkLists }),
    orphans,
    orphanExpiry: new OrphanExpiry(orphans, store),
    heldHits: new HeldHits({ store, hub, teamNetworks, orphans }, config.heldHitsMax),
    publicUrl,
    linkSweepHoldMs: tuning.linkSweepHoldMs ?? LINK_SWEEP_HOLD_MS,
  };
}
