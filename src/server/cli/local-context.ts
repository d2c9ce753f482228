// Direct access to the store (DATABASE_URL, else SQLite under DATA_DIR) for administration
// commands: no server needed, and the server may run at the same time (SQLite's WAL and
// PostgreSQL both let the two write).
import { ConfigError, loadConfig, publicUrlOf } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { UsageError } from './cli-errors.ts';

export async function withLocalContext<T>(dataDir: string | undefined, run: (context: ServerContext) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
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
