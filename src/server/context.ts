// Everything a request handler may use, built once per server (and by the CLI for direct store
// work). Handlers receive it explicitly; nothing is global.
import { SigningKeys } from './accounts/signing-keys.ts';
import { SignInThrottles } from './accounts/sign-in-throttle.ts';
import type { ServerConfig } from './config.ts';
import { createDocsContext, type DocsContext } from './docs/docs-context.ts';
import { FeedHub } from './ingest/feed-hub.ts';
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
  signInThrottles: SignInThrottles;
  /** Files, conversions and reader limits of tracked documents. */
  docs: DocsContext;
  /** One IMAP watcher per connected mailbox; started by a running server only. */
  mailboxWatchers: MailboxWatchers;
  /** Base of pixel and click URLs; known once the server listens (PORT=0 picks the port). */
  publicUrl: () => string;
}

export async function createContext(config: ServerConfig, publicUrl: () => string): Promise<ServerContext> {
  const box = createSecretBox(loadServerKey(config.dataDir, config.secretKey));
  const store = await openStore(config);
  const hub = new FeedHub();
  return {
    config,
    store,
    box,
    keys: new SigningKeys(store, box),
    hub,
    mailboxWatchers: new MailboxWatchers({
      store,
      hub,
      box,
      now: () => new Date(),
      imap: {
        ...DEFAULT_WATCHER_IMAP,
        timeoutMs: config.mail.testTimeoutMs,
        trustedCertificates: trustedMailCertificates(config),
        hostPolicy: config.mail.hosts,
      },
      reconnect: DEFAULT_RECONNECT,
    }),
    signInThrottles: new SignInThrottles(),
    docs: createDocsContext(config),
    publicUrl,
  };
}
