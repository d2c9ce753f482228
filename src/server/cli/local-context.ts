// Direct access to the store (DATABASE_URL, else SQLite under DATA_DIR) for administration
// commands: no server needed, and the server may run at the same time (SQLite's WAL and
// PostgreSQL both let the two write).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, publicUrlOf, type ServerConfig } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { KEY_FILE_NAME } from '../security/server-key.ts';
import { UsageError } from './cli-errors.ts';

/**
 * On PostgreSQL the servers' key lives with them (GLINT_SECRET_KEY, or their DATA_DIR), not with
 * the database: a key file this command made up would seal a new user's signing key with a key no
 * server has, and while no key is stored yet nothing else would notice (docs/deploy.md).
 */
function requireServersKey(config: ServerConfig): void {
  if (config.databaseUrl === undefined || config.secretKey !== undefined) return;
  const keyFile = join(config.dataDir, KEY_FILE_NAME);
  if (existsSync(keyFile)) return;
  throw new UsageError(
    `No server key: DATABASE_URL is set, but neither GLINT_SECRET_KEY nor ${keyFile} is. ` +
      "Give this command the servers' GLINT_SECRET_KEY, or their DATA_DIR once a server has started there.",
  );
}

export async function withLocalContext<T>(dataDir: string | undefined, run: (context: ServerContext) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  requireServersKey(config);
  // Loaded on use: `glint --help` and the commands that call the API need none of it.
  const { createContext } = await import('../context.ts');
  const context = await createContext(config, () => publicUrlOf(config, config.port));
  try {
    await context.keys.checkServerKey();
    return await run(context);
  } finally {
    await context.store.close();
  }
}
