// Everything a request handler may use, built once per server (and by the CLI for direct store
// work). Handlers receive it explicitly; nothing is global.
import { SigningKeys } from './accounts/signing-keys.ts';
import { FailureLimiter } from './accounts/sign-in.ts';
import type { ServerConfig } from './config.ts';
import { createDocsContext, type DocsContext } from './docs/docs-context.ts';
import { FeedHub } from './ingest/feed-hub.ts';
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
  signInFailures: FailureLimiter;
  /** Files, conversions and reader limits of tracked documents. */
  docs: DocsContext;
  /** Base of pixel and click URLs; known once the server listens (PORT=0 picks the port). */
  publicUrl: () => string;
}

export async function createContext(config: ServerConfig, publicUrl: () => string): Promise<ServerContext> {
  const box = createSecretBox(loadServerKey(config.dataDir, config.secretKey));
  const store = await openStore(config);
  return {
    config,
    store,
    box,
    keys: new SigningKeys(store, box),
    hub: new FeedHub(),
    signInFailures: new FailureLimiter(),
    docs: createDocsContext(config),
    publicUrl,
  };
}
