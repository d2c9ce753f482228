// Device rows as both stores read them, and their records.
import type { DeviceRecord } from '../types.ts';

export interface DeviceRow {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_seen_at: number | null;
}

export const toDevice = (row: DeviceRow): DeviceRecord => ({
  deviceId: row.id,
  userId: row.user_id,
  name: row.name,
  createdAt: new Date(row.created_at),
  lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
});
