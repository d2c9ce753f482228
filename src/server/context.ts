// Everything a request handler may use, built once per server (and by the CLI for direct store
// work). Handlers receive it explicitly; nothing is global.
import { SigningKeys } from './accounts/signing-keys.ts';
import { FailureLimiter } from './accounts/sign-in.ts';
import type { ServerConfig } from './config.ts';
import { FeedHub } from './ingest/feed-hub.ts';
import { createSecretBox, type SecretBox } from './security/secret-box.ts';
import { loadServerKey } from './security/server-key.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';
import type { Store } from './store/store.ts';

export interface ServerContext {
  config: ServerConfig;
  store: Store;
  box: SecretBox;
  keys: SigningKeys;
  hub: FeedHub;
  signInFailures: FailureLimiter;
  /** Base of pixel and click URLs; known once the server listens (PORT=0 picks the port). */
  publicUrl: () => string;
}

export function createContext(config: ServerConfig, publicUrl: () => string): ServerContext {
  const box = createSecretBox(loadServerKey(config.dataDir, config.secretKey));
  const store = openSqliteStore(config.dataDir, { synchronous: config.sqliteSynchronous });
  return {
    config,
    store,
    box,
    keys: new SigningKeys(store, box),
    hub: new FeedHub(),
    signInFailures: new FailureLimiter(),
    publicUrl,
  };
}
