// Several real `glint serve` processes on one throwaway PostgreSQL database, as docs/deploy.md runs
// them: the same GLINT_SECRET_KEY (feed cursors and sealed secrets are read by any instance), one
// shared documents directory (DOCS_DIR), a DATA_DIR of their own. Each instance can be SIGKILLed
// and started again on its own.
//
//   const cluster = await startGlintCluster({ instances: 2 });
//   const token = await cluster.addUser('rep@example.com');
//   await fetch(`${cluster.instances[0]!.url}/api/v1/me`, ...);
//   await cluster.stop();
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../../src/server/accounts/create-user.ts';
import { SigningKeys } from '../../src/server/accounts/signing-keys.ts';
import { createSecretBox } from '../../src/server/security/secret-box.ts';
import { loadServerKey } from '../../src/server/security/server-key.ts';
import { openPostgresStore } from '../../src/server/store/postgres/postgres-store.ts';
import { glintCommand, spawnServe, type GlintResult, type ServeProcess } from './glint-serve.ts';
import { startPostgres, type PostgresCluster } from './postgres.ts';

/** Every instance's HEALTH_DETAILS_TOKEN: the tests read /healthz/details (feed waiters) with it. */
export const CLUSTER_HEALTH_TOKEN = randomBytes(24).toString('hex');

export interface GlintClusterOptions {
  instances: number;
  /** Environment for every instance (PUBLIC_URL, TRUST_PROXY, WORK_LEASE_S ...). */
  env?: Record<string, string>;
  /** A database to use instead of a fresh throwaway cluster (kept on stop). */
  databaseUrl?: string;
}

export interface GlintCluster {
  databaseUrl: string;
  /** The running processes, by index; a stopped one stays in place until started again. */
  instances: ServeProcess[];
  /** Every instance's environment but its DATA_DIR. */
  sharedEnv: NodeJS.ProcessEnv;
  /** Runs the `glint` command against the database. */
  glint(...args: string[]): Promise<GlintResult>;
  /** Adds a user directly in the database, as `glint user add` does: the new user's API token. */
  addUser(email: string): Promise<string>;
  /** Starts instance `index` again (after a stop or a kill) on its own DATA_DIR and its port, so a proxy in front finds it. */
  restart(index: number): Promise<ServeProcess>;
  stop(): Promise<void>;
}

export async function startGlintCluster(options: GlintClusterOptions): Promise<GlintCluster> {
  const root = mkdtempSync(join(tmpdir(), 'glint-cluster-'));
  let postgres: PostgresCluster | null = null;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase('glint_cluster');
  }
  const sharedEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    GLINT_SECRET_KEY: randomBytes(32).toString('base64url'),
    DOCS_DIR: join(root, 'shared-docs'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    HEALTH_DETAILS_TOKEN: CLUSTER_HEALTH_TOKEN,
    ...options.env,
  };
  const envOf = (index: number): NodeJS.ProcessEnv => ({ ...sharedEnv, DATA_DIR: join(root, `instance-${index}`) });
  const instances: ServeProcess[] = [];
  const cluster: GlintCluster = {
    databaseUrl,
    instances,
    sharedEnv,
    glint: (...args) => glintCommand(envOf(0))(...args),
    async addUser(email) {
      // In this process: a CLI start costs seconds on a loaded machine.
      const store = await openPostgresStore(databaseUrl);
      try {
        const box = createSecretBox(loadServerKey(root, sharedEnv.GLINT_SECRET_KEY));
        return (await createUser(store, new SigningKeys(store, box), { email })).apiToken;
      } finally {
        await store.close();
      }
    },
    async restart(index) {
      const previous = instances[index];
      await previous?.stop('SIGKILL');
      const port = previous ? new URL(previous.url).port : '0';
      const started = await spawnServe({ ...envOf(index), PORT: port });
      instances[index] = started;
      return started;
    },
    async stop() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await postgres?.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    // One after the other: the first applies the migrations.
    for (let index = 0; index < options.instances; index++) instances.push(await spawnServe(envOf(index)));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
