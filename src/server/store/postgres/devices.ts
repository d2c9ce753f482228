// The browser profiles (devices) of each user on PostgreSQL. As on SQLite, every hit needs the
// owner's device ids: they are cached per user and dropped when this process registers or renames
// a device (only the server writes devices).
import { CACHED_USERS } from '../cache-sizes.ts';
import { type DeviceRow, toDevice } from '../rows/devices.ts';
import type { DeviceStore } from '../store.ts';
import type { PgDatabase } from './database.ts';
import { readThroughCache } from './read-through-cache.ts';

export function deviceQueries(db: PgDatabase): DeviceStore {
  const idsByUser = readThroughCache<readonly string[]>(CACHED_USERS);

  return {
    async upsertDevice({ deviceId, userId, name, at }) {
      // The WHERE on the update keeps another user's device untouched (no row comes back).
      const [row] = await db.query<DeviceRow>(
        `INSERT INTO devices (id, user_id, name, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_seen_at = excluded.last_seen_at
           WHERE devices.user_id = excluded.user_id
         RETURNING *`,
        [deviceId, userId, name, at.getTime()],
      );
      idsByUser.written(userId);
      return row ? toDevice(row) : null;
    },
    async listDevices(userId) {
      const rows = await db.query<DeviceRow>('SELECT * FROM devices WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"', [userId]);
      return rows.map(toDevice);
    },
    async listDeviceIds(userId) {
      const ids = await idsByUser.read(userId, async () =>
        (await db.query<{ id: string }>('SELECT id FROM devices WHERE user_id = $1', [userId])).map((row) => row.id),
      );
      // A copy: callers own what they get.
      return [...ids];
    },
  };
}
