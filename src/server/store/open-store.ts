// The store the configuration asks for: PostgreSQL when DATABASE_URL is set, else SQLite under
// DATA_DIR (the embedded default).
import type { ServerConfig } from '../config.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export async function openStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
  return openSqliteStore(config.dataDir, { synchronous: config.sqliteSynchronous });
}

/** Where the store is, for people reading the server's start-up lines (no password shown). */
export function describeStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `SQLite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `PostgreSQL ${user}${url.host}${url.pathname}; files in ${config.dataDir}`;
}
