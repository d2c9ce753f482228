// The browser profiles (devices) of each user on SQLite. Every hit needs the owner's device ids:
// they are cached per user, and dropped when this process registers or renames a device (only
// the server writes devices).
import { CACHED_USERS } from '../cache-sizes.ts';
import { LruCache } from '../../lib/lru-cache.ts';
import { type DeviceRow, toDevice } from '../rows/devices.ts';
import type { DeviceStore } from '../store.ts';
import type { SqliteDatabase } from './database.ts';

export function deviceQueries(db: SqliteDatabase): DeviceStore {
  // The WHERE on the update keeps another user's device untouched (no row comes back).
  const upsert = db.prepare<[string, string, string, number, number], DeviceRow>(
    `INSERT INTO devices (id, user_id, name, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_seen_at = excluded.last_seen_at
       WHERE devices.user_id = excluded.user_id
     RETURNING *`,
  );
  const ofUser = db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE user_id = ? ORDER BY created_at, id');
  const idsOfUser = db.prepare<[string], { id: string }>('SELECT id FROM devices WHERE user_id = ?');
  const idsByUser = new LruCache<string, readonly string[]>(CACHED_USERS);

  return {
    async upsertDevice({ deviceId, userId, name, at }) {
      const row = upsert.get(deviceId, userId, name, at.getTime(), at.getTime());
      idsByUser.delete(userId);
      return row ? toDevice(row) : null;
    },
    async listDevices(userId) {
      return ofUser.all(userId).map(toDevice);
    },
    async listDeviceIds(userId) {
      let ids = idsByUser.get(userId);
      if (!ids) {
        ids = idsOfUser.all(userId).map((row) => row.id);
        idsByUser.set(userId, ids);
      }
      // A copy: callers own what they get.
      return [...ids];
    },
  };
}
