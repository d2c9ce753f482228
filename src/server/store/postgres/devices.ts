// The browser profiles (devices) of each user on PostgreSQL. Not cached, unlike SQLite: another
// server sharing the database may register a device (a hit reads the owner's devices in its one
// statement, hit-state.ts).
import { type DeviceRow, toDevice } from '../rows/devices.ts';
import type { DeviceStore } from '../store.ts';
import type { PgDatabase } from './database.ts';

export function deviceQueries(db: PgDatabase): DeviceStore {
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
      return row ? toDevice(row) : null;
    },
    async listDevices(userId) {
      const rows = await db.query<DeviceRow>('SELECT * FROM devices WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"', [userId]);
      return rows.map(toDevice);
    },
    async listDeviceIds(userId) {
      return (await db.query<{ id: string }>('SELECT id FROM devices WHERE user_id = $1', [userId])).map((row) => row.id);
    },
  };
}
