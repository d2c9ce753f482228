// Which store errors hold a hit (the store cannot write now) and which answer as errors (a bug or
// bad data must not hide in the held-hit queue): judged on errors the real drivers raise.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../src/server/ingest/held/store-unavailable.ts';

const dir = mkdtempSync(join(tmpdir(), 'glint-unavailable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a real SQLite statement raises, or null. */
function sqliteError(run: (db: Database.Database) => void, options?: Database.Options): unknown {
  const file = join(dir, 'hits.db');
  const setup = new Database(file);
  setup.exec('CREATE TABLE IF NOT EXISTS hits (id TEXT PRIMARY KEY)');
  setup.exec("INSERT OR IGNORE INTO hits VALUES ('a')");
  setup.close();
  const db = new Database(file, options);
  try {
    run(db);
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

describe('isStoreUnavailable', () => {
  it('holds a hit when SQLite is read-only', () => {
    const error = sqliteError((db) => db.exec("INSERT INTO hits VALUES ('b')"), { readonly: true });
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it('holds a hit when the database server refuses the connection', async () => {
    const error = await new Promise<unknown>((resolve) => connect(1, '127.0.0.1').on('error', resolve));
    expect(isStoreUnavailable(error)).toBe(true);
    expect(isStoreUnavailable(new Error('write failed', { cause: error }))).toBe(true);
  });

  it('holds a hit on a PostgreSQL read-only transaction or a full disk', () => {
    expect(isStoreUnavailable(Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' }))).toBe(true);
    expect(isStoreUnavailable(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
  });

  it('answers a bug or bad data as an error, not held', () => {
    const duplicate = sqliteError((db) => db.exec("INSERT INTO hits VALUES ('a')"));
    expect(isStoreUnavailable(duplicate)).toBe(false);
    expect(isStoreUnavailable(Object.assign(new Error('null value in column "token"'), { code: '23502' }))).toBe(false);
    expect(isStoreUnavailable(new TypeError("Cannot read properties of undefined (reading 'token')"))).toBe(false);
    expect(isStoreUnavailable('not an error')).toBe(false);
  });
});
