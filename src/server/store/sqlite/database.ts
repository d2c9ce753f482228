// Opens the SQLite database with the pragmas durability needs and applies pending migrations
// (migrations/ beside this file).
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE_NAME = 'glint.sqlite';
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

export function openDatabase(dataDir: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, DATABASE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  // This connection serves accounts, emails, devices and relabels. FULL (default): each of its
  // commits fsyncs the WAL, so it survives a power cut. NORMAL (opt-in, SQLITE_SYNCHRONOUS)
  // survives a crash of the process but may lose the last commits if the machine goes down.
  // Events take their own path (event-writer.ts: group commit, then one fdatasync per batch).
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  // The CLI may write (user add) while the server runs: wait instead of failing at once.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Applies each numbered migration once, in order, each in its own transaction. */
export function migrate(db: SqliteDatabase): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const isApplied = db.prepare<[string], { version: string }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort();
  const done: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    // Checked inside the write lock: the CLI and the server may open a fresh database together.
    const applied = db
      .transaction(() => {
        if (isApplied.get(version)) return false;
        db.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
        record.run(version, Date.now());
        return true;
      })
      .immediate();
    if (applied) done.push(version);
  }
  return done;
}
