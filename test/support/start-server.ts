// Starts the REAL Glint server for a test: in this process, on a free 127.0.0.1 port, with its
// own SQLite store in a temporary DATA_DIR (removed on close unless you passed `dataDir` or
// `keepDataDir`). Drive it over HTTP with fetch(baseUrl + path).
//
//   const server = await startServer();
//   afterAll(() => server.close());
//   const alice = await server.addUser('alice@example.com');
//   await fetch(`${server.baseUrl}/api/v1/me`, { headers: alice.headers });
//
// Restart on the same data: `const again = await startServer({ dataDir: server.dataDir })` after
// `await server.close()` (start the first one with keepDataDir: true).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SigningKey } from '../../src/shared/link-signing.ts';
import type { Plan } from '../../src/shared/plans.ts';
import { createUser } from '../../src/server/accounts/create-user.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { ServerContext } from '../../src/server/context.ts';
import type { RouteModule } from '../../src/server/http/app-types.ts';
import { startServer as startRealServer } from '../../src/server/server.ts';
import type { UserAccount } from '../../src/server/store/store.ts';

export interface StartServerOptions {
  /** Use this data directory (kept on close). Default: a fresh temporary one. */
  dataDir?: string;
  /** Keep the temporary data directory on close (to restart on it). */
  keepDataDir?: boolean;
  /** Extra environment (PUBLIC_URL, GLINT_SECRET_KEY, LOG_LEVEL ...); PORT, HOST and DATA_DIR are set here. */
  env?: Record<string, string>;
  /** Route modules beyond the built-in ones (areas still being wired in). */
  extraRoutes?: readonly RouteModule[];
  /** Listen on this port (one PUBLIC_URL must name beforehand); default: any free one. */
  port?: number;
  /** How long the feed calls a click checking for a link sweep (default LINK_SWEEP_HOLD_MS). */
  linkSweepHoldMs?: number;
  /** The campaign scheduler's clock (default: the real one), for tests that move time forward. */
  campaignClock?: () => Date;
}

export interface TestUser {
  user: UserAccount;
  password: string;
  apiToken: string;
  signingKey: SigningKey;
  /** Authorization and JSON content type, ready for fetch(). */
  headers: Record<string, string>;
}

export interface TestServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  baseUrl: string;
  dataDir: string;
  /** The server's store, keys and feed hub, for setup that has no HTTP API (users). */
  context: ServerContext;
  /** Creates a user (and team) directly in the store, as `glint user add` does. */
  addUser(email?: string, options?: { password?: string; team?: string; plan?: Plan }): Promise<TestUser>;
  /** Stops the server (commits pending events) and removes a temporary data directory. */
  close(): Promise<void>;
}

let userCounter = 0;

export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'glint-test-'));
  // Test mail servers (Dovecot) run on this machine: allowed here, refused by default in production.
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    MAILBOX_HOSTS: 'loopback',
    // No network-list downloads unless a test turns them on (and points them at a local server).
    NETWORK_LISTS_REFRESH: 'off',
    // No campaign scheduler either: tests that claim steps themselves would race it.
    CAMPAIGN_SENDING: 'off',
    ...options.env,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
  });
  const server = await startRealServer(config, options.extraRoutes ?? [], {
    linkSweepHoldMs: options.linkSweepHoldMs,
    campaignClock: options.campaignClock,
  });
  return {
    baseUrl: server.url,
    dataDir,
    context: server.context,
    async addUser(email, userOptions = {}) {
      userCounter += 1;
      const address = email ?? `user${userCounter}-${process.pid}@example.com`;
      const created = await createUser(server.context.store, server.context.keys, { email: address, ...userOptions });
      return {
        user: created.user,
        password: created.password,
        apiToken: created.apiToken,
        signingKey: created.signingKey,
        headers: { authorization: `Bearer ${created.apiToken}`, 'content-type': 'application/json' },
      };
    },
    async close() {
      await server.close();
      if (ownsDir && !options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
