// Which store the server opens: SQLite under DATA_DIR unless DATABASE_URL names a PostgreSQL
// database; a wrong URL is refused with the variable's name; the start-up line never shows a password.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { describeStore } from '../../src/server/store/open-store.ts';

describe('store settings', () => {
  it('keep SQLite under DATA_DIR by default, an empty DATABASE_URL included', () => {
    for (const env of [{}, { DATABASE_URL: '' }]) {
      const config = loadConfig({ ...env, DATA_DIR: 'var/glint' });
      expect(config.databaseUrl).toBeUndefined();
      expect(describeStore(config)).toBe(`SQLite in ${resolve('var/glint')}`);
    }
  });

  it('take PostgreSQL from DATABASE_URL (postgres: or postgresql:)', () => {
    for (const url of ['postgres://glint:secret@db.internal:5432/glint', 'postgresql://glint@127.0.0.1/glint']) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it('refuse any other URL, naming the variable', () => {
    for (const url of ['mysql://glint@127.0.0.1/glint', 'glint.sqlite', 'http://127.0.0.1:5432/glint']) {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
    }
  });

  it('describe a PostgreSQL store by user, host and database, never its password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://glint:s%3Acret@db.internal:5432/glint', DATA_DIR: '/srv/glint' });
    const described = describeStore(config);
    expect(described).toBe('PostgreSQL glint@db.internal:5432/glint; files in /srv/glint');
    expect(described).not.toContain('cret');
  });
});
